package contracts

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func randomLeaves(r *rand.Rand, n int) []common.Hash {
	leaves := make([]common.Hash, n)
	for i := range leaves {
		var a common.Address
		for j := range a {
			a[j] = byte(r.UintN(256))
		}
		leaves[i] = Leaf(a, new(big.Int).SetUint64(r.Uint64()))
	}
	return leaves
}

func TestMerkleTree(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 33, 100} {
		leaves := randomLeaves(r, n)
		tree := NewMerkleTree(leaves)
		if n == 0 && tree.Root() != (common.Hash{}) {
			t.Errorf("empty tree root %s, want zero", tree.Root())
		}
		if n == 1 && tree.Root() != leaves[0] {
			t.Errorf("one-leaf root %s, want the leaf", tree.Root())
		}
		for i, l := range leaves {
			proof, ok := tree.Proof(l)
			if !ok || !VerifyProof(proof, tree.Root(), l) {
				t.Fatalf("n=%d leaf %d: proof %v does not verify", n, i, proof)
			}
			if len(proof) > 0 {
				bad := slices.Clone(proof)
				bad[0][0] ^= 1
				if VerifyProof(bad, tree.Root(), l) {
					t.Fatalf("n=%d leaf %d: a tampered proof verifies", n, i)
				}
			}
		}
		stranger := crypto.Keccak256Hash([]byte("not a leaf"))
		if _, ok := tree.Proof(stranger); ok {
			t.Errorf("n=%d: proof for a leaf not in the tree", n)
		}
		if n > 1 && VerifyProof(nil, tree.Root(), stranger) {
			t.Errorf("n=%d: empty proof of a stranger verifies", n)
		}
		// The root does not depend on the order leaves are given in.
		shuffled := slices.Clone(leaves)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if NewMerkleTree(shuffled).Root() != tree.Root() {
			t.Errorf("n=%d: root depends on leaf order", n)
		}
	}
}

func TestLeafEncoding(t *testing.T) {
	// abi.encode(address, uint256) is two 32-byte words, address left-padded.
	node := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	enc := make([]byte, 64)
	enc[31] = 0xaa
	enc[63] = 5
	want := crypto.Keccak256Hash(crypto.Keccak256(enc))
	if got := Leaf(node, big.NewInt(5)); got != want {
		t.Fatalf("Leaf = %s, want %s", got, want)
	}
}

func TestPayoutTree(t *testing.T) {
	a, b, c := common.Address{1}, common.Address{2}, common.Address{3}
	tests := []struct {
		name    string
		payouts []Payout
		want    map[common.Address]int64 // claim amounts; absent nodes get no claim
		total   int64
		wantErr error
	}{
		{name: "none", total: 0, want: map[common.Address]int64{}},
		{name: "sums per node", payouts: []Payout{{b, big.NewInt(2)}, {a, big.NewInt(1)}, {b, big.NewInt(3)}}, want: map[common.Address]int64{a: 1, b: 5}, total: 6},
		{name: "zero sum left out", payouts: []Payout{{a, big.NewInt(0)}, {c, big.NewInt(7)}}, want: map[common.Address]int64{c: 7}, total: 7},
		{name: "negative", payouts: []Payout{{a, big.NewInt(-1)}}, wantErr: ErrBadPayout},
		{name: "nil amount", payouts: []Payout{{a, nil}}, wantErr: ErrBadPayout},
		{name: "above 128 bits", payouts: []Payout{{a, maxAmount}, {b, big.NewInt(1)}}, wantErr: ErrBadPayout},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pt, err := NewPayoutTree(common.Hash{9}, tc.payouts)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if pt.Total().Int64() != tc.total {
				t.Errorf("total %v, want %d", pt.Total(), tc.total)
			}
			if len(pt.Claims()) != len(tc.want) {
				t.Errorf("%d claims, want %d", len(pt.Claims()), len(tc.want))
			}
			for node, amount := range tc.want {
				cl, ok := pt.ClaimOf(node)
				if !ok || cl.Amount.Int64() != amount || cl.JobID != (common.Hash{9}) || !cl.Verify(pt.Root()) {
					t.Errorf("claim of %s = %+v, %v; want %d with a valid proof", node, cl, ok, amount)
				}
			}
		})
	}
}

// FuzzPayoutTree checks that every claim of a random settlement verifies and
// that changing a claimed amount breaks it.
func FuzzPayoutTree(f *testing.F) {
	f.Add([]byte{1, 2, 3}, uint8(5))
	f.Add([]byte("conun"), uint8(1))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{0xff}, uint8(200))
	f.Fuzz(func(t *testing.T, seed []byte, n uint8) {
		h := crypto.Keccak256(seed)
		r := rand.New(rand.NewPCG(new(big.Int).SetBytes(h[:8]).Uint64(), uint64(n)))
		nodes := 1 + r.IntN(16)
		payouts := make([]Payout, n)
		for i := range payouts {
			payouts[i] = Payout{
				Node:   common.BytesToAddress(crypto.Keccak256(h, []byte{byte(r.IntN(nodes))})),
				Amount: new(big.Int).SetUint64(r.Uint64() >> r.UintN(64)),
			}
		}
		pt, err := NewPayoutTree(common.BytesToHash(h), payouts)
		if err != nil {
			t.Fatal(err)
		}
		sum := new(big.Int)
		for _, c := range pt.Claims() {
			if !c.Verify(pt.Root()) {
				t.Fatalf("claim %+v does not verify against %s", c, pt.Root())
			}
			sum.Add(sum, c.Amount)
			c.Amount = new(big.Int).Add(c.Amount, big.NewInt(1))
			if c.Verify(pt.Root()) {
				t.Fatalf("claim with amount+1 verifies")
			}
		}
		if sum.Cmp(pt.Total()) != 0 {
			t.Fatalf("claims add up to %v, total is %v", sum, pt.Total())
		}
	})
}
