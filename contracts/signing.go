package contracts

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"image"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Signed messages the escrow checks on chain. Both are EIP-712 typed data
// under the domain {name "RenderEscrow", version "1", chainId, the escrow's
// address}, so a signature made for one deployment or chain is worthless on
// another, and a wallet that speaks EIP-712 can show what it signs:
//
//	digest     = keccak256(0x19 0x01 || domainSeparator || structHash)
//	domain     = keccak256(abi.encode(
//	               keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
//	               keccak256("RenderEscrow"), keccak256("1"), chainId, escrow))
//	Result     = keccak256(abi.encode(keccak256("Result(bytes32 jobId,uint256 task,bytes32 resultHash)"),
//	               jobId, task, resultHash))
//	Receipt    = keccak256(abi.encode(keccak256("Receipt(bytes32 jobId,address worker,uint256 amount,uint256 tasks,bytes32 results)"),
//	               jobId, worker, amount, tasks, results))
//	Check      = keccak256(abi.encode(keccak256("Check(bytes32 jobId,uint256 task,bytes32 crops,bytes32 renderHash)"),
//	               jobId, task, crops, renderHash))
//	crops      = keccak256(abi.encode(x0, y0, x1, y1, ...)) of the crop windows in order
//
// A checker signs its crops in the same domain, so that a lying checker is
// held to them (the escrow's slashCheck) exactly as a worker is held to its
// result (slash). Without a chain the farm signs
// in the zero domain (chain id 0, escrow 0x0), which no deployment accepts.
//
// A signature is 65 bytes r || s || v with v = 27 or 28 (go-ethereum's
// crypto.Sign gives v = 0 or 1; Sign65 adds 27).

// ErrBadSignature reports a signature that is malformed or by someone else.
var ErrBadSignature = errors.New("bad signature")

var (
	domainTypeHash  = crypto.Keccak256Hash([]byte("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"))
	resultTypeHash  = crypto.Keccak256Hash([]byte("Result(bytes32 jobId,uint256 task,bytes32 resultHash)"))
	receiptTypeHash = crypto.Keccak256Hash([]byte("Receipt(bytes32 jobId,address worker,uint256 amount,uint256 tasks,bytes32 results)"))
	checkTypeHash   = crypto.Keccak256Hash([]byte("Check(bytes32 jobId,uint256 task,bytes32 crops,bytes32 renderHash)"))
	domainName      = crypto.Keccak256Hash([]byte("RenderEscrow"))
	domainVersion   = crypto.Keccak256Hash([]byte("1"))
)

// Domain names the escrow deployment a signature is for.
type Domain struct {
	ChainID *big.Int
	Escrow  common.Address
}

// Separator returns the EIP-712 domain separator, as the escrow's
// domainSeparator() computes it.
func (d Domain) Separator() common.Hash {
	return crypto.Keccak256Hash(domainTypeHash[:], domainName[:], domainVersion[:], word(d.ChainID), common.LeftPadBytes(d.Escrow[:], 32))
}

func (d Domain) typed(structHash common.Hash) common.Hash {
	sep := d.Separator()
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], structHash[:])
}

// ResultDigest is the digest a worker signs over its result of task in job
// jobID: resultHash is the hash of the bytes it returned (the farm uses the
// sha256 of the tile file). The escrow's resultDigest computes the same.
func (d Domain) ResultDigest(jobID common.Hash, task uint64, resultHash common.Hash) common.Hash {
	return d.typed(crypto.Keccak256Hash(resultTypeHash[:], jobID[:], word(new(big.Int).SetUint64(task)), resultHash[:]))
}

// ReceiptDigest is the digest a requester signs for r (its Signature is not
// part of it). The escrow's receiptDigest computes the same.
func (d Domain) ReceiptDigest(r WorkReceipt) common.Hash {
	return d.typed(crypto.Keccak256Hash(receiptTypeHash[:], r.JobID[:], common.LeftPadBytes(r.Worker[:], 32),
		word(r.Amount), word(new(big.Int).SetUint64(r.Tasks)), r.Results[:]))
}

// CropsHash is the hash a Check signs over a check's crop windows, in order.
func CropsHash(crops []image.Rectangle) common.Hash {
	var buf []byte
	for _, r := range crops {
		for _, v := range []int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} {
			buf = append(buf, word(big.NewInt(int64(v)))...)
		}
	}
	return crypto.Keccak256Hash(buf)
}

// CheckDigest is the digest a checker signs over its render of the crops of
// task in job jobID: renderHash is the hash of the bytes it returned (the
// farm uses the sha256 of the PNG of the crops).
func (d Domain) CheckDigest(jobID common.Hash, task uint64, crops []image.Rectangle, renderHash common.Hash) common.Hash {
	cropsHash := CropsHash(crops)
	return d.typed(crypto.Keccak256Hash(checkTypeHash[:], jobID[:], word(new(big.Int).SetUint64(task)), cropsHash[:], renderHash[:]))
}

// SignedCheck is a checker's signature over its render of a spot check's
// crops: what holds a checker to the pixels it answered with.
type SignedCheck struct {
	JobID      common.Hash
	Task       uint64
	Crops      []image.Rectangle
	RenderHash common.Hash
	Signature  []byte // 65 bytes, v = 27 or 28
}

// SignCheck signs a checker's render of crops of task in jobID.
func SignCheck(key *ecdsa.PrivateKey, d Domain, jobID common.Hash, task uint64, crops []image.Rectangle, renderHash common.Hash) (SignedCheck, error) {
	sig, err := Sign65(d.CheckDigest(jobID, task, crops, renderHash), key)
	if err != nil {
		return SignedCheck{}, fmt.Errorf("sign check of job %s task %d: %w", jobID, task, err)
	}
	return SignedCheck{JobID: jobID, Task: task, Crops: crops, RenderHash: renderHash, Signature: sig}, nil
}

// Verify checks that checker signed c for the deployment d.
func (c SignedCheck) Verify(d Domain, checker common.Address) error {
	if err := verify65(d.CheckDigest(c.JobID, c.Task, c.Crops, c.RenderHash), c.Signature, checker); err != nil {
		return fmt.Errorf("check of job %s task %d: %w", c.JobID, c.Task, err)
	}
	return nil
}

// SignedResult is a worker's signature over its result of one task: the
// evidence the escrow needs to slash that worker for that job.
type SignedResult struct {
	JobID      common.Hash
	Task       uint64
	ResultHash common.Hash
	Signature  []byte // 65 bytes, v = 27 or 28
}

// SignResult signs the result of task in jobID with a worker's key.
func SignResult(key *ecdsa.PrivateKey, d Domain, jobID common.Hash, task uint64, resultHash common.Hash) (SignedResult, error) {
	sig, err := Sign65(d.ResultDigest(jobID, task, resultHash), key)
	if err != nil {
		return SignedResult{}, fmt.Errorf("sign result of job %s task %d: %w", jobID, task, err)
	}
	return SignedResult{JobID: jobID, Task: task, ResultHash: resultHash, Signature: sig}, nil
}

// Verify checks that node signed r for the deployment d.
func (r SignedResult) Verify(d Domain, node common.Address) error {
	if err := verify65(d.ResultDigest(r.JobID, r.Task, r.ResultHash), r.Signature, node); err != nil {
		return fmt.Errorf("result of job %s task %d: %w", r.JobID, r.Task, err)
	}
	return nil
}

// WorkReceipt is the requester's signed acceptance of a worker's tasks in
// one job. It is cumulative: Amount is everything accepted from Worker in the
// job so far, Tasks how many tasks that is, and Results the hash chain of
// those tasks' results (see NextResults). The coordinator signs a new one each
// time it accepts a task of the worker, and the worker keeps only the latest:
// the escrow pays a receipt once, less what the worker already got from the
// job, so any number of tasks costs one signature check on chain.
type WorkReceipt struct {
	JobID     common.Hash
	Worker    common.Address
	Amount    *big.Int // wei, cumulative
	Tasks     uint64
	Results   common.Hash
	Signature []byte // the requester's, 65 bytes, v = 27 or 28
}

// NextResults extends a receipt's result chain by one accepted task:
// keccak256(abi.encode(prev, task, resultHash)). The chain starts at the
// zero hash. A worker recomputes it to see that a receipt covers its results.
func NextResults(prev common.Hash, task uint64, resultHash common.Hash) common.Hash {
	return crypto.Keccak256Hash(prev[:], word(new(big.Int).SetUint64(task)), resultHash[:])
}

// Accept returns the unsigned receipt that follows r once the worker's task
// with resultHash is accepted at price wei. The zero WorkReceipt (with JobID
// and Worker set) is the start of a job.
func (r WorkReceipt) Accept(task uint64, resultHash common.Hash, price *big.Int) WorkReceipt {
	amount := new(big.Int)
	if r.Amount != nil {
		amount.Set(r.Amount)
	}
	if price != nil {
		amount.Add(amount, price)
	}
	return WorkReceipt{JobID: r.JobID, Worker: r.Worker, Amount: amount, Tasks: r.Tasks + 1, Results: NextResults(r.Results, task, resultHash)}
}

// SignReceipt signs r with the requester's key for deployment d and returns
// it with its Signature set.
func SignReceipt(key *ecdsa.PrivateKey, d Domain, r WorkReceipt) (WorkReceipt, error) {
	if r.Amount == nil || r.Amount.Sign() < 0 || r.Amount.Cmp(maxAmount) > 0 {
		return WorkReceipt{}, fmt.Errorf("sign receipt of job %s for %s: amount %v: %w", r.JobID, r.Worker, r.Amount, ErrBadPayout)
	}
	sig, err := Sign65(d.ReceiptDigest(r), key)
	if err != nil {
		return WorkReceipt{}, fmt.Errorf("sign receipt of job %s for %s: %w", r.JobID, r.Worker, err)
	}
	r.Signature = sig
	return r, nil
}

// Verify checks that requester signed r for deployment d. A worker checks
// each receipt it is handed with the job's requester as the escrow records it.
func (r WorkReceipt) Verify(d Domain, requester common.Address) error {
	if r.Amount == nil {
		return fmt.Errorf("receipt of job %s: no amount: %w", r.JobID, ErrBadSignature)
	}
	if err := verify65(d.ReceiptDigest(r), r.Signature, requester); err != nil {
		return fmt.Errorf("receipt of job %s for %s: %w", r.JobID, r.Worker, err)
	}
	return nil
}

// Sign65 signs digest with key as ecrecover expects it: r || s || v with
// v = 27 or 28.
func Sign65(digest common.Hash, key *ecdsa.PrivateKey) ([]byte, error) {
	if key == nil {
		return nil, errors.New("no key")
	}
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return sig, nil
}

// verify65 checks a Sign65 signature of digest by want.
func verify65(digest common.Hash, sig []byte, want common.Address) error {
	if len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) {
		return fmt.Errorf("%w: want 65 bytes ending in v = 27 or 28, got %d bytes", ErrBadSignature, len(sig))
	}
	raw := append([]byte(nil), sig...)
	raw[64] -= 27
	pub, err := crypto.SigToPub(digest[:], raw)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	if got := crypto.PubkeyToAddress(*pub); got != want {
		return fmt.Errorf("%w: signed by %s, not %s", ErrBadSignature, got, want)
	}
	return nil
}

// word is v as one 32-byte ABI word (nil is zero).
func word(v *big.Int) []byte {
	var w [32]byte
	if v != nil {
		v.FillBytes(w[:])
	}
	return w[:]
}
