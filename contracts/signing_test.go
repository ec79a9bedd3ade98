package contracts

import (
	"errors"
	"image"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// TestDigestsMatchContract: the Go digests equal the escrow's own views, and
// go-ethereum's independent EIP-712 encoder (what a wallet would show and
// sign), so what the farm signs is what the chain checks.
func TestDigestsMatchContract(t *testing.T) {
	e := newEnv(t)
	d := e.req.Domain()
	call := func(data []byte) common.Hash {
		t.Helper()
		out, err := e.req.escrow.CallRaw(e.req.callOpts(e.ctx), data)
		if err != nil {
			t.Fatal(err)
		}
		return common.BytesToHash(out)
	}
	if got := call(e.req.escB.PackDomainSeparator()); got != d.Separator() {
		t.Errorf("domain separator: chain %s, Go %s", got, d.Separator())
	}
	domain := apitypes.TypedDataDomain{Name: "RenderEscrow", Version: "1", ChainId: (*math.HexOrDecimal256)(d.ChainID), VerifyingContract: d.Escrow.Hex()}
	types := apitypes.Types{
		"EIP712Domain": {{Name: "name", Type: "string"}, {Name: "version", Type: "string"}, {Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}},
		"Result":       {{Name: "jobId", Type: "bytes32"}, {Name: "task", Type: "uint256"}, {Name: "resultHash", Type: "bytes32"}},
		"Receipt": {{Name: "jobId", Type: "bytes32"}, {Name: "worker", Type: "address"}, {Name: "amount", Type: "uint256"},
			{Name: "tasks", Type: "uint256"}, {Name: "results", Type: "bytes32"}},
	}
	standard := func(primary string, msg apitypes.TypedDataMessage) common.Hash {
		t.Helper()
		h, _, err := apitypes.TypedDataAndHash(apitypes.TypedData{Types: types, PrimaryType: primary, Domain: domain, Message: msg})
		if err != nil {
			t.Fatal(err)
		}
		return common.BytesToHash(h)
	}

	for _, tc := range []struct {
		job        common.Hash
		task       uint64
		resultHash common.Hash
	}{
		{common.Hash{}, 0, common.Hash{}},
		{crypto.Keccak256Hash([]byte("job")), 17, crypto.Keccak256Hash([]byte("tile"))},
		{common.MaxHash, ^uint64(0), common.MaxHash},
	} {
		want := d.ResultDigest(tc.job, tc.task, tc.resultHash)
		if got := call(e.req.escB.PackResultDigest(tc.job, new(big.Int).SetUint64(tc.task), tc.resultHash)); got != want {
			t.Errorf("result digest of task %d: chain %s, Go %s", tc.task, got, want)
		}
		std := standard("Result", apitypes.TypedDataMessage{"jobId": tc.job.Hex(), "task": new(big.Int).SetUint64(tc.task).String(), "resultHash": tc.resultHash.Hex()})
		if std != want {
			t.Errorf("result digest of task %d: go-ethereum's EIP-712 %s, ours %s", tc.task, std, want)
		}
	}
	for _, r := range []WorkReceipt{
		{Amount: new(big.Int)},
		{JobID: crypto.Keccak256Hash([]byte("job")), Worker: e.nodes[0].Address(), Amount: tokens(3), Tasks: 3, Results: crypto.Keccak256Hash([]byte("r"))},
		{JobID: common.MaxHash, Worker: common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), Amount: maxAmount, Tasks: ^uint64(0), Results: common.MaxHash},
	} {
		want := d.ReceiptDigest(r)
		if got := call(e.req.escB.PackReceiptDigest(r.JobID, r.Worker, r.Amount, new(big.Int).SetUint64(r.Tasks), r.Results)); got != want {
			t.Errorf("receipt digest %+v: chain %s, Go %s", r, got, want)
		}
		std := standard("Receipt", apitypes.TypedDataMessage{"jobId": r.JobID.Hex(), "worker": r.Worker.Hex(), "amount": r.Amount.String(),
			"tasks": new(big.Int).SetUint64(r.Tasks).String(), "results": r.Results.Hex()})
		if std != want {
			t.Errorf("receipt digest %+v: go-ethereum's EIP-712 %s, ours %s", r, std, want)
		}
	}
}

func TestReceiptSignAndVerify(t *testing.T) {
	req, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	d := Domain{ChainID: big.NewInt(1337), Escrow: common.Address{1}}
	r := WorkReceipt{JobID: common.Hash{2}, Worker: common.Address{3}}
	r = r.Accept(0, common.Hash{4}, big.NewInt(10)).Accept(5, common.Hash{6}, big.NewInt(7))
	if r.Amount.Int64() != 17 || r.Tasks != 2 || r.Results != NextResults(NextResults(common.Hash{}, 0, common.Hash{4}), 5, common.Hash{6}) {
		t.Fatalf("accumulated receipt %+v", r)
	}
	signed, err := SignReceipt(req, d, r)
	if err != nil {
		t.Fatal(err)
	}
	reqAddr := crypto.PubkeyToAddress(req.PublicKey)
	if err := signed.Verify(d, reqAddr); err != nil {
		t.Fatalf("own receipt: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(r *WorkReceipt, d *Domain, signer *common.Address)
	}{
		{"another signer", func(_ *WorkReceipt, _ *Domain, s *common.Address) { *s = crypto.PubkeyToAddress(other.PublicKey) }},
		{"another amount", func(r *WorkReceipt, _ *Domain, _ *common.Address) { r.Amount = big.NewInt(18) }},
		{"another worker", func(r *WorkReceipt, _ *Domain, _ *common.Address) { r.Worker = common.Address{9} }},
		{"another job", func(r *WorkReceipt, _ *Domain, _ *common.Address) { r.JobID = common.Hash{9} }},
		{"another chain", func(_ *WorkReceipt, d *Domain, _ *common.Address) { d.ChainID = big.NewInt(1) }},
		{"another escrow", func(_ *WorkReceipt, d *Domain, _ *common.Address) { d.Escrow = common.Address{9} }},
		{"short signature", func(r *WorkReceipt, _ *Domain, _ *common.Address) { r.Signature = r.Signature[:64] }},
		{"v not 27 or 28", func(r *WorkReceipt, _ *Domain, _ *common.Address) { r.Signature[64] -= 27 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := signed
			r.Signature = append([]byte(nil), signed.Signature...)
			dd, signer := d, reqAddr
			tc.mutate(&r, &dd, &signer)
			if err := r.Verify(dd, signer); !errors.Is(err, ErrBadSignature) {
				t.Errorf("verify: %v, want ErrBadSignature", err)
			}
		})
	}
	if _, err := SignReceipt(req, d, WorkReceipt{Amount: big.NewInt(-1)}); !errors.Is(err, ErrBadPayout) {
		t.Errorf("negative receipt: %v, want ErrBadPayout", err)
	}

	res, err := SignResult(other, d, common.Hash{7}, 3, common.Hash{8})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Verify(d, crypto.PubkeyToAddress(other.PublicKey)); err != nil {
		t.Errorf("own result: %v", err)
	}
	if err := res.Verify(d, reqAddr); !errors.Is(err, ErrBadSignature) {
		t.Errorf("result checked against another node: %v, want ErrBadSignature", err)
	}
}

// TestCheckSignAndVerify: a checker's signature over its crops binds the
// job, the task, every crop window and the render's hash, and its digest is
// standard EIP-712 (what a wallet shows), so a lying checker is held to what
// it rendered.
func TestCheckSignAndVerify(t *testing.T) {
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	d := Domain{ChainID: big.NewInt(1337), Escrow: common.Address{1}}
	crops := []image.Rectangle{image.Rect(1, 2, 5, 6), image.Rect(8, 8, 12, 12)}
	c, err := SignCheck(key, d, common.Hash{2}, 7, crops, common.Hash{3})
	if err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	if err := c.Verify(d, addr); err != nil {
		t.Fatalf("own check: %v", err)
	}

	domain := apitypes.TypedDataDomain{Name: "RenderEscrow", Version: "1", ChainId: (*math.HexOrDecimal256)(d.ChainID), VerifyingContract: d.Escrow.Hex()}
	types := apitypes.Types{
		"EIP712Domain": {{Name: "name", Type: "string"}, {Name: "version", Type: "string"}, {Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}},
		"Check":        {{Name: "jobId", Type: "bytes32"}, {Name: "task", Type: "uint256"}, {Name: "crops", Type: "bytes32"}, {Name: "renderHash", Type: "bytes32"}},
	}
	msg := apitypes.TypedDataMessage{"jobId": common.Hash{2}.Hex(), "task": "7", "crops": CropsHash(crops).Hex(), "renderHash": common.Hash{3}.Hex()}
	std, _, err := apitypes.TypedDataAndHash(apitypes.TypedData{Types: types, PrimaryType: "Check", Domain: domain, Message: msg})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.CheckDigest(common.Hash{2}, 7, crops, common.Hash{3}); got != common.BytesToHash(std) {
		t.Errorf("check digest: go-ethereum's EIP-712 %x, ours %s", std, got)
	}

	tests := []struct {
		name   string
		mutate func(c *SignedCheck, d *Domain, signer *common.Address)
	}{
		{"another signer", func(_ *SignedCheck, _ *Domain, s *common.Address) { *s = crypto.PubkeyToAddress(other.PublicKey) }},
		{"another job", func(c *SignedCheck, _ *Domain, _ *common.Address) { c.JobID = common.Hash{9} }},
		{"another task", func(c *SignedCheck, _ *Domain, _ *common.Address) { c.Task = 8 }},
		{"a crop moved", func(c *SignedCheck, _ *Domain, _ *common.Address) { c.Crops[1] = c.Crops[1].Add(image.Pt(1, 0)) }},
		{"a crop left out", func(c *SignedCheck, _ *Domain, _ *common.Address) { c.Crops = c.Crops[:1] }},
		{"crops reordered", func(c *SignedCheck, _ *Domain, _ *common.Address) { c.Crops[0], c.Crops[1] = c.Crops[1], c.Crops[0] }},
		{"other pixels", func(c *SignedCheck, _ *Domain, _ *common.Address) { c.RenderHash = common.Hash{4} }},
		{"another chain", func(_ *SignedCheck, d *Domain, _ *common.Address) { d.ChainID = big.NewInt(0) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cc := c
			cc.Crops = append([]image.Rectangle(nil), c.Crops...)
			dd, signer := d, addr
			tc.mutate(&cc, &dd, &signer)
			if err := cc.Verify(dd, signer); !errors.Is(err, ErrBadSignature) {
				t.Errorf("verify: %v, want ErrBadSignature", err)
			}
		})
	}
}
