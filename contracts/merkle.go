package contracts

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// ErrBadPayout reports a payout list that cannot be settled: a nil or negative
// amount, or a total that does not fit the escrow's 128-bit budget.
var ErrBadPayout = errors.New("bad payout")

// maxAmount is the largest budget RenderEscrow accepts (uint128).
var maxAmount = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))

// Payout is what one node is owed for verified work in one job. A settlement
// may list a node several times (one entry per verified task); the entries are
// added up into one leaf per node, because the escrow lets each node claim once.
type Payout struct {
	Node   common.Address
	Amount *big.Int
}

// Leaf returns the payout tree leaf of node and amount, exactly as
// RenderEscrow.leafOf computes it:
// keccak256(bytes.concat(keccak256(abi.encode(node, amount)))).
// Hashing twice keeps a leaf from ever being mistaken for an inner node, whose
// preimage is also 64 bytes.
func Leaf(node common.Address, amount *big.Int) common.Hash {
	var enc [64]byte
	copy(enc[12:32], node[:])
	amount.FillBytes(enc[32:64])
	inner := crypto.Keccak256(enc[:])
	return crypto.Keccak256Hash(inner)
}

// hashPair is OpenZeppelin's commutative node hash: the pair is sorted before
// hashing, so a proof needs no left/right flags.
func hashPair(a, b common.Hash) common.Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return crypto.Keccak256Hash(a[:], b[:])
}

// MerkleTree is a binary Merkle tree whose proofs verify with OpenZeppelin's
// MerkleProof.verify (sorted-pair keccak256). Leaves are sorted first, so the
// root does not depend on the order they were given in; a level with an odd
// count carries its last node up unchanged.
type MerkleTree struct {
	levels [][]common.Hash // levels[0] are the sorted leaves, the last level is the root
}

// NewMerkleTree builds the tree over leaves. An empty tree has the zero root.
func NewMerkleTree(leaves []common.Hash) *MerkleTree {
	level := slices.Clone(leaves)
	slices.SortFunc(level, func(a, b common.Hash) int { return bytes.Compare(a[:], b[:]) })
	t := &MerkleTree{levels: [][]common.Hash{level}}
	for len(level) > 1 {
		next := make([]common.Hash, 0, (len(level)+1)/2)
		for i := 0; i < len(level); i += 2 {
			if i+1 == len(level) {
				next = append(next, level[i])
				continue
			}
			next = append(next, hashPair(level[i], level[i+1]))
		}
		t.levels = append(t.levels, next)
		level = next
	}
	return t
}

// Root returns the tree's root, the zero hash for an empty tree.
func (t *MerkleTree) Root() common.Hash {
	top := t.levels[len(t.levels)-1]
	if len(top) == 0 {
		return common.Hash{}
	}
	return top[0]
}

// Len returns the number of leaves.
func (t *MerkleTree) Len() int { return len(t.levels[0]) }

// Proof returns the sibling hashes that lead from leaf to the root, and false
// when leaf is not in the tree.
func (t *MerkleTree) Proof(leaf common.Hash) ([]common.Hash, bool) {
	i, found := slices.BinarySearchFunc(t.levels[0], leaf, func(a, b common.Hash) int { return bytes.Compare(a[:], b[:]) })
	if !found {
		return nil, false
	}
	var proof []common.Hash
	for _, level := range t.levels[:len(t.levels)-1] {
		sibling := i ^ 1
		if sibling < len(level) {
			proof = append(proof, level[sibling])
		}
		i /= 2
	}
	return proof, true
}

// VerifyProof reports whether proof leads from leaf to root, as the escrow's
// MerkleProof.verifyCalldata decides it.
func VerifyProof(proof []common.Hash, root, leaf common.Hash) bool {
	h := leaf
	for _, p := range proof {
		h = hashPair(h, p)
	}
	return h == root
}

// PayoutTree is the settlement of one job: one leaf per node with the sum of its
// payouts, the Merkle root the requester commits, and each node's proof.
type PayoutTree struct {
	tree   *MerkleTree
	total  *big.Int
	claims []Claim
}

// NewPayoutTree adds up payouts per node (nodes with a zero sum are left out, as
// they have nothing to claim) and builds the tree over the resulting leaves.
// The claims come out sorted by node address, so the result does not depend on
// the order of payouts.
func NewPayoutTree(jobID common.Hash, payouts []Payout) (*PayoutTree, error) {
	sums := make(map[common.Address]*big.Int)
	total := new(big.Int)
	for i, p := range payouts {
		if p.Amount == nil || p.Amount.Sign() < 0 {
			return nil, fmt.Errorf("payout %d to %s: amount %v: %w", i, p.Node, p.Amount, ErrBadPayout)
		}
		s, ok := sums[p.Node]
		if !ok {
			s = new(big.Int)
			sums[p.Node] = s
		}
		s.Add(s, p.Amount)
		total.Add(total, p.Amount)
	}
	if total.Cmp(maxAmount) > 0 {
		return nil, fmt.Errorf("payouts total %v, more than a budget can hold (2^128-1): %w", total, ErrBadPayout)
	}
	nodes := make([]common.Address, 0, len(sums))
	for n, s := range sums {
		if s.Sign() > 0 {
			nodes = append(nodes, n)
		}
	}
	slices.SortFunc(nodes, func(a, b common.Address) int { return bytes.Compare(a[:], b[:]) })
	leaves := make([]common.Hash, len(nodes))
	for i, n := range nodes {
		leaves[i] = Leaf(n, sums[n])
	}
	pt := &PayoutTree{tree: NewMerkleTree(leaves), total: total, claims: make([]Claim, len(nodes))}
	for i, n := range nodes {
		proof, _ := pt.tree.Proof(leaves[i])
		pt.claims[i] = Claim{JobID: jobID, Node: n, Amount: sums[n], Proof: proof}
	}
	return pt, nil
}

// Root returns the root to commit with settle.
func (pt *PayoutTree) Root() common.Hash { return pt.tree.Root() }

// Total returns the sum of all payouts, the settle total.
func (pt *PayoutTree) Total() *big.Int { return new(big.Int).Set(pt.total) }

// Claims returns one claim per paid node, sorted by address.
func (pt *PayoutTree) Claims() []Claim { return slices.Clone(pt.claims) }

// ClaimOf returns node's claim, and false when the node is owed nothing.
func (pt *PayoutTree) ClaimOf(node common.Address) (Claim, bool) {
	i, found := slices.BinarySearchFunc(pt.claims, node, func(c Claim, n common.Address) int { return bytes.Compare(c.Node[:], n[:]) })
	if !found {
		return Claim{}, false
	}
	return pt.claims[i], true
}
