// Package contracts is conun's money: the CONUN token and render escrow
// contracts (sources in src/, artifacts in build/, Go bindings in bindings/),
// and a small client that deploys them, locks budgets, bonds stakes, settles
// verified work as one Merkle root per job, pays claims, signs and redeems
// acceptance receipts, slashes on a node's own signed result, and refunds.
//
// Run ./build.sh after changing src/*.sol; the artifacts and bindings are
// committed so that building Go code never needs solc.
package contracts

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"image"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/conun/conun/contracts/bindings"
)

// Config holds the escrow's rules, fixed when it is deployed.
type Config struct {
	// UnstakeDelay is how long requested stake stays bonded (and slashable).
	UnstakeDelay time.Duration
	// ReclaimGrace is how long workers may redeem their receipts: after
	// settle, or after the deadline of a job never settled. Until it is over
	// the requester cannot reclaim the budget left outside the payout tree,
	// nor its bond.
	ReclaimGrace time.Duration
	// ClaimWindow is how long after settle nodes may claim their leaves; then
	// the requester may reclaim what is left. It must be >= ReclaimGrace.
	ClaimWindow time.Duration
	// SlashCapBps is the most a job's requester may slash in total, in basis
	// points of the job's budget (10000 = the whole budget).
	SlashCapBps uint16
	// RequesterBondBps is the requester's bond, in basis points of the budget,
	// locked with it at OpenJob. A requester that never settles loses it, pro
	// rata, to the workers that redeem its receipts.
	RequesterBondBps uint16
	// DisputeBond is what a convicted node posts to dispute (returned when it
	// wins or nobody votes, paid to the voting arbiters when it loses), and
	// the least active stake an arbiter must hold.
	DisputeBond *big.Int
	// DisputeWindow is how long after a slash the node may dispute it; at
	// most ReclaimGrace, so that the requester's bond is still there to pay
	// for a dispute it loses.
	DisputeWindow time.Duration
	// VoteWindow is how long drawn arbiters have to vote.
	VoteWindow time.Duration
}

// DefaultConfig returns rules for a real deployment: a week to unstake,
// three days for workers to redeem receipts (a node that was offline for a
// weekend still gets paid), a month to claim, slashing capped at the job's
// budget (a job can cost a cheater at most what the job was worth), and a
// requester bond of 10% of the budget, and disputes that cost 10 tokens with
// three days to dispute and three to vote (inside the week a slashed stake
// takes to unstake anyway).
func DefaultConfig() Config {
	return Config{
		UnstakeDelay:     7 * 24 * time.Hour,
		ReclaimGrace:     3 * 24 * time.Hour,
		ClaimWindow:      30 * 24 * time.Hour,
		SlashCapBps:      10_000,
		RequesterBondBps: 1_000,
		DisputeBond:      new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18)),
		DisputeWindow:    3 * 24 * time.Hour,
		VoteWindow:       3 * 24 * time.Hour,
	}
}

// Addresses locates a deployment.
type Addresses struct {
	Token  common.Address
	Escrow common.Address
}

// Claim is one node's leaf of a settled job and its proof: everything the node
// needs to be paid. The coordinator hands it to the node after Settle.
type Claim struct {
	JobID  common.Hash
	Node   common.Address
	Amount *big.Int
	Proof  []common.Hash
}

// Verify reports whether the claim's proof leads to root.
func (c Claim) Verify(root common.Hash) bool {
	return VerifyProof(c.Proof, root, Leaf(c.Node, c.Amount))
}

// Settlement is the outcome of Settle.
type Settlement struct {
	JobID   common.Hash
	Root    common.Hash
	Total   *big.Int // paid out through claims
	Covered *big.Int // of Total, what the leaves take from their nodes' reservations
	Refund  *big.Int // what neither the tree nor a reservation holds: kept for receipts, then returned by Reclaim after ReclaimGrace
	Claims  []Claim  // one per paid node, sorted by address
	Receipt *types.Receipt
}

// JobStatus is where a job is in its life, as the escrow stores it.
type JobStatus uint8

// The job states, in the contract's order.
const (
	JobNone JobStatus = iota
	JobOpen
	JobSettled
	JobClosed
)

// String names the status.
func (s JobStatus) String() string {
	switch s {
	case JobNone:
		return "none"
	case JobOpen:
		return "open"
	case JobSettled:
		return "settled"
	case JobClosed:
		return "closed"
	}
	return fmt.Sprintf("JobStatus(%d)", uint8(s))
}

// Job is the escrow's record of a job.
type Job struct {
	Requester common.Address
	Deadline  time.Time
	SettledAt time.Time // zero until settled
	Status    JobStatus
	Disputes  int // convictions of the job under dispute; reclaim waits for them
	Budget    *big.Int
	Unclaimed *big.Int // what a settled job's tree still holds for its leaves
	Held      *big.Int // the budget neither in the tree nor reserved, which pays receipts beyond reservations
	Reserved  *big.Int // what reservations hold for their workers, not paid yet
	Bond      *big.Int // what is left of the requester's bond
	Slashed   *big.Int
	Root      common.Hash
}

// Stake is a node's bond in the escrow.
type Stake struct {
	Active   *big.Int
	Pending  *big.Int  // requested for withdrawal, still slashable
	UnlockAt time.Time // when Pending may be withdrawn; zero when nothing is pending
}

// Client sends the transactions of one key to one deployment and waits for
// their receipts. It is safe for concurrent use.
type Client struct {
	chain  *Chain
	key    *ecdsa.PrivateKey
	from   common.Address
	addrs  Addresses
	tokenB *bindings.ConunToken
	escB   *bindings.RenderEscrow
	token  *bind.BoundContract
	escrow *bind.BoundContract
	errs   *revertDecoder
}

// Deploy deploys a ConunToken owned by key and a RenderEscrow over it with
// cfg's rules, and returns a client for key.
func Deploy(ctx context.Context, chain *Chain, key *ecdsa.PrivateKey, cfg Config) (*Client, error) {
	if cfg.SlashCapBps > 10_000 {
		return nil, fmt.Errorf("deploy: slash cap %d bps: must be <= 10000", cfg.SlashCapBps)
	}
	if cfg.RequesterBondBps > 10_000 {
		return nil, fmt.Errorf("deploy: requester bond %d bps: must be <= 10000", cfg.RequesterBondBps)
	}
	if cfg.ClaimWindow < cfg.ReclaimGrace {
		return nil, fmt.Errorf("deploy: claim window %v shorter than reclaim grace %v: receipts would outlive the job", cfg.ClaimWindow, cfg.ReclaimGrace)
	}
	if cfg.DisputeWindow > cfg.ReclaimGrace {
		return nil, fmt.Errorf("deploy: dispute window %v longer than reclaim grace %v: a dispute could open after the requester's bond is gone", cfg.DisputeWindow, cfg.ReclaimGrace)
	}
	disputeBond := cfg.DisputeBond
	if disputeBond == nil {
		disputeBond = new(big.Int)
	}
	if disputeBond.Sign() < 0 || disputeBond.Cmp(maxAmount) > 0 {
		return nil, fmt.Errorf("deploy: dispute bond %v: must be 0 to 2^128-1", disputeBond)
	}
	for _, d := range []time.Duration{cfg.UnstakeDelay, cfg.ReclaimGrace, cfg.ClaimWindow, cfg.DisputeWindow, cfg.VoteWindow} {
		if d < 0 {
			return nil, fmt.Errorf("deploy: duration %v: must not be negative", d)
		}
	}
	c, err := newClient(chain, key, Addresses{})
	if err != nil {
		return nil, err
	}
	deployer := crypto.PubkeyToAddress(key.PublicKey)
	c.addrs.Token, err = c.deploy(ctx, "ConunToken", bindings.ConunTokenMetaData.Bin, c.tokenB.PackConstructor(deployer))
	if err != nil {
		return nil, err
	}
	c.addrs.Escrow, err = c.deploy(ctx, "RenderEscrow", bindings.RenderEscrowMetaData.Bin,
		c.escB.PackConstructor(c.addrs.Token, seconds(cfg.UnstakeDelay), seconds(cfg.ReclaimGrace), seconds(cfg.ClaimWindow), cfg.SlashCapBps, cfg.RequesterBondBps,
			disputeBond, seconds(cfg.DisputeWindow), seconds(cfg.VoteWindow)))
	if err != nil {
		return nil, err
	}
	c.bind()
	return c, nil
}

// NewClient returns a client for key on an existing deployment. It checks that
// both addresses hold code, so a wrong address fails here and not at the first
// transaction.
func NewClient(ctx context.Context, chain *Chain, key *ecdsa.PrivateKey, addrs Addresses) (*Client, error) {
	for name, a := range map[string]common.Address{"token": addrs.Token, "escrow": addrs.Escrow} {
		code, err := chain.backend.CodeAt(ctx, a, nil)
		if err != nil {
			return nil, fmt.Errorf("%s contract %s: %w", name, a, err)
		}
		if len(code) == 0 {
			return nil, fmt.Errorf("%s contract %s: no code at this address on chain %v: deploy first or fix the address", name, a, chain.chainID)
		}
	}
	c, err := newClient(chain, key, addrs)
	if err != nil {
		return nil, err
	}
	c.bind()
	return c, nil
}

func newClient(chain *Chain, key *ecdsa.PrivateKey, addrs Addresses) (*Client, error) {
	if key == nil {
		return nil, errors.New("client: no key")
	}
	errs, err := newRevertDecoder()
	if err != nil {
		return nil, err
	}
	return &Client{
		chain:  chain,
		key:    key,
		from:   crypto.PubkeyToAddress(key.PublicKey),
		addrs:  addrs,
		tokenB: bindings.NewConunToken(),
		escB:   bindings.NewRenderEscrow(),
		errs:   errs,
	}, nil
}

func (c *Client) bind() {
	c.token = c.tokenB.Instance(c.chain.backend, c.addrs.Token)
	c.escrow = c.escB.Instance(c.chain.backend, c.addrs.Escrow)
}

// WithKey returns a client for the same deployment that signs with key: one
// client per node in tests and demos.
func (c *Client) WithKey(key *ecdsa.PrivateKey) *Client {
	d := *c
	d.key = key
	d.from = crypto.PubkeyToAddress(key.PublicKey)
	return &d
}

// Address returns the account the client signs for.
func (c *Client) Address() common.Address { return c.from }

// Addresses returns the deployment.
func (c *Client) Addresses() Addresses { return c.addrs }

// Chain returns the chain the client talks to.
func (c *Client) Chain() *Chain { return c.chain }

// ----------------------------------------------------------------- token

// Mint creates amount new tokens for to. Only the token's owner (the deployer)
// may mint.
func (c *Client) Mint(ctx context.Context, to common.Address, amount *big.Int) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.token, c.tokenB.PackMint(to, amount))
	return r, wrapf(err, "mint %v to %s", amount, to)
}

// Transfer sends amount tokens to to.
func (c *Client) Transfer(ctx context.Context, to common.Address, amount *big.Int) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.token, c.tokenB.PackTransfer(to, amount))
	return r, wrapf(err, "transfer %v to %s", amount, to)
}

// Approve lets spender take up to amount of the client's tokens.
func (c *Client) Approve(ctx context.Context, spender common.Address, amount *big.Int) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.token, c.tokenB.PackApprove(spender, amount))
	return r, wrapf(err, "approve %s for %v", spender, amount)
}

// Balance returns who's token balance.
func (c *Client) Balance(ctx context.Context, who common.Address) (*big.Int, error) {
	v, err := bind.Call(c.token, c.callOpts(ctx), c.tokenB.PackBalanceOf(who), c.tokenB.UnpackBalanceOf)
	return v, wrapf(c.errs.decode(err), "balance of %s", who)
}

// Allowance returns how much spender may still take from owner.
func (c *Client) Allowance(ctx context.Context, owner, spender common.Address) (*big.Int, error) {
	v, err := bind.Call(c.token, c.callOpts(ctx), c.tokenB.PackAllowance(owner, spender), c.tokenB.UnpackAllowance)
	return v, wrapf(c.errs.decode(err), "allowance of %s for %s", owner, spender)
}

// EtherBalance returns who's Ether balance in wei (for gas).
func (c *Client) EtherBalance(ctx context.Context, who common.Address) (*big.Int, error) {
	v, err := c.chain.backend.BalanceAt(ctx, who, nil)
	return v, wrapf(err, "ether balance of %s", who)
}

// ----------------------------------------------------------------- jobs

// OpenJob locks budget for jobID until deadline, and the requester's bond
// with it (BondFor), approving the escrow first when the allowance is short.
// It returns the openJob receipt.
func (c *Client) OpenJob(ctx context.Context, jobID common.Hash, budget *big.Int, deadline time.Time) (*types.Receipt, error) {
	bond, err := c.BondFor(ctx, budget)
	if err != nil {
		return nil, fmt.Errorf("open job %s: %w", jobID, err)
	}
	if err := c.ensureAllowance(ctx, new(big.Int).Add(budget, bond)); err != nil {
		return nil, fmt.Errorf("open job %s: %w", jobID, err)
	}
	return c.openJob(ctx, jobID, budget, deadline)
}

func (c *Client) openJob(ctx context.Context, jobID common.Hash, budget *big.Int, deadline time.Time) (*types.Receipt, error) {
	if deadline.Unix() <= 0 {
		return nil, fmt.Errorf("open job %s: deadline %v: %w", jobID, deadline, ErrBadDeadline)
	}
	r, err := c.transact(ctx, c.escrow, c.escB.PackOpenJob(jobID, budget, uint64(deadline.Unix())))
	return r, wrapf(err, "open job %s with budget %v until %s", jobID, budget, deadline.UTC().Format(time.RFC3339))
}

// Settle pays the verified work of jobID: it adds up payouts per node, builds
// the Merkle tree, commits its root and what its leaves draw beyond their
// nodes' reservations (each leaf takes its node's reservation first: counted
// in the tree too, the budget would hold it twice until the claim window
// closed), and returns every node's claim. Only the requester may settle,
// once. The rest of the budget and the bond stay in escrow for ReclaimGrace,
// to pay receipts the tree leaves out; Reclaim returns them after it.
func (c *Client) Settle(ctx context.Context, jobID common.Hash, payouts []Payout) (*Settlement, error) {
	pt, err := NewPayoutTree(jobID, payouts)
	if err != nil {
		return nil, fmt.Errorf("settle job %s: %w", jobID, err)
	}
	total, covered := pt.Total(), new(big.Int)
	for _, cl := range pt.Claims() {
		res, err := c.ReservedFor(ctx, jobID, cl.Node)
		if err != nil {
			return nil, fmt.Errorf("settle job %s: %w", jobID, err)
		}
		covered.Add(covered, minBig(cl.Amount, res))
	}
	draw := new(big.Int).Sub(total, covered)
	r, err := c.transact(ctx, c.escrow, c.escB.PackSettle(jobID, pt.Root(), draw))
	if err != nil {
		return nil, fmt.Errorf("settle job %s for %v: %w", jobID, total, err)
	}
	s := &Settlement{JobID: jobID, Root: pt.Root(), Total: total, Covered: covered, Claims: pt.Claims(), Receipt: r, Refund: new(big.Int)}
	for _, l := range r.Logs {
		if l.Address != c.addrs.Escrow {
			continue
		}
		if ev, err := c.escB.UnpackJobSettledEvent(l); err == nil {
			s.Refund = ev.Refund
		}
	}
	return s, nil
}

// Reservation is one worker's share of a Reserve.
type Reservation struct {
	Worker common.Address
	Amount *big.Int
}

// Reserve sets aside, for each worker of shares, that much more of open job
// jobID's budget (one transaction for all of them). Only the requester, up
// to the deadline, out of what is neither reserved already nor settled. A
// worker's reservation pays its receipts and its leaf first and nobody
// else: what they owe within it is paid whatever else the requester signs
// or settles (ReservedFor reads it).
func (c *Client) Reserve(ctx context.Context, jobID common.Hash, shares []Reservation) (*types.Receipt, error) {
	in := make([]bindings.RenderEscrowReservation, len(shares))
	sum := new(big.Int)
	for i, s := range shares {
		in[i] = bindings.RenderEscrowReservation{Worker: s.Worker, Amount: s.Amount}
		sum.Add(sum, s.Amount)
	}
	r, err := c.transact(ctx, c.escrow, c.escB.PackReserve(jobID, in))
	return r, wrapf(err, "reserve %v of job %s for %d workers", sum, jobID, len(shares))
}

// ReservedFor returns what the requester of jobID reserved for worker in
// all (whatever was paid from it since). It only ever grows while the job
// is open, so a value read earlier is never more than the chain holds.
func (c *Client) ReservedFor(ctx context.Context, jobID common.Hash, worker common.Address) (*big.Int, error) {
	v, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackReservedFor(jobID, worker), c.escB.UnpackReservedFor)
	if err != nil {
		return nil, fmt.Errorf("reserved for %s in job %s: %w", worker, jobID, c.errs.decode(err))
	}
	return v, nil
}

// Claim pays the client its leaf of a settled job, less what its receipts
// were already paid. The claim's Node must be the client's address: the
// escrow pays the sender.
func (c *Client) Claim(ctx context.Context, cl Claim) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.escrow, c.escB.PackClaim(cl.JobID, cl.Amount, hashes(cl.Proof)))
	return r, wrapf(err, "claim %v of job %s for %s", cl.Amount, cl.JobID, c.from)
}

// ClaimMany pays several leaves (usually of different jobs) in one transaction
// with one token transfer. One bad claim fails them all.
func (c *Client) ClaimMany(ctx context.Context, claims []Claim) (*types.Receipt, error) {
	in := make([]bindings.RenderEscrowClaim, len(claims))
	for i, cl := range claims {
		in[i] = bindings.RenderEscrowClaim{JobId: cl.JobID, Amount: cl.Amount, Proof: hashes(cl.Proof)}
	}
	r, err := c.transact(ctx, c.escrow, c.escB.PackClaimMany(in))
	return r, wrapf(err, "claim %d leaves for %s", len(claims), c.from)
}

// ClaimFor pays each claim's leaf to its Node, whatever key the client
// holds: a coordinator sends its workers' claims right after settling, so a
// worker whose key holds no Ether for gas is paid all the same. A leaf its
// node was already paid is skipped; any other bad claim fails the batch.
func (c *Client) ClaimFor(ctx context.Context, claims []Claim) (*types.Receipt, error) {
	in := make([]bindings.RenderEscrowNodeClaim, len(claims))
	for i, cl := range claims {
		in[i] = bindings.RenderEscrowNodeClaim{JobId: cl.JobID, Node: cl.Node, Amount: cl.Amount, Proof: hashes(cl.Proof)}
	}
	r, err := c.transact(ctx, c.escrow, c.escB.PackClaimForMany(in))
	return r, wrapf(err, "claim %d leaves on their nodes' behalf from %s", len(claims), c.from)
}

// Slash burns amount of node's stake for jobID with result, node's own
// signature over a result it delivered for jobID (see SignResult), and
// records evidence (the hash of the verifier's record) in the Slashed event.
// Only jobID's requester may slash, once per node, before it settles the job
// (so settle after the slashes, as the farm does), up to the job's deadline
// and cap. Nothing goes to the requester.
func (c *Client) SlashResult(ctx context.Context, node common.Address, amount *big.Int, result SignedResult, evidence common.Hash) (*types.Receipt, error) {
	in := bindings.RenderEscrowSignedResult{Task: new(big.Int).SetUint64(result.Task), ResultHash: result.ResultHash, Signature: result.Signature}
	r, err := c.transact(ctx, c.escrow, c.escB.PackSlash(result.JobID, node, amount, in, evidence))
	return r, wrapf(err, "slash %v of %s for job %s task %d", amount, node, result.JobID, result.Task)
}

// SlashCheck burns amount of node's stake (active first, then pending) for
// its signed render of a spot check in check.JobID: a checker that lied.
// The escrow takes it from the job's requester alone, before settle, once
// per node and job, within the job's cap, as SlashResult.
func (c *Client) SlashCheck(ctx context.Context, node common.Address, amount *big.Int, check SignedCheck, evidence common.Hash) (*types.Receipt, error) {
	in := bindings.RenderEscrowSignedCheck{Task: new(big.Int).SetUint64(check.Task), Crops: CropsHash(check.Crops), RenderHash: check.RenderHash, Signature: check.Signature}
	r, err := c.transact(ctx, c.escrow, c.escB.PackSlashCheck(check.JobID, node, amount, in, evidence))
	return r, wrapf(err, "slash %v of %s as a checker of job %s task %d", amount, node, check.JobID, check.Task)
}

// Slash is the old call without the node's signed result. The escrow no
// longer slashes without one, so it always fails with ErrBadResultSignature
// (decoded from the contract's refusal); use SlashResult.
//
// Deprecated: use SlashResult with the node's signed result.
func (c *Client) Slash(ctx context.Context, node common.Address, amount *big.Int, jobID, evidence common.Hash) (*types.Receipt, error) {
	return c.SlashResult(ctx, node, amount, SignedResult{JobID: jobID}, evidence)
}

// ClaimByReceipts pays the client what its receipts (the latest per job,
// signed by each job's requester) say it is owed beyond what it already got
// from those jobs, in one transaction with one token transfer. A settled job
// honours receipts for ReclaimGrace after settle; a job never settled for
// ReclaimGrace after its deadline, and then adds the requester's bond share.
// All or nothing: one refused receipt fails the batch.
func (c *Client) ClaimByReceipts(ctx context.Context, receipts []WorkReceipt) (*types.Receipt, error) {
	in := make([]bindings.RenderEscrowSignedReceipt, len(receipts))
	for i, r := range receipts {
		if r.Worker != c.from {
			return nil, fmt.Errorf("claim by receipts: receipt %d of job %s is for %s, not this key %s", i, r.JobID, r.Worker, c.from)
		}
		if r.Amount == nil {
			return nil, fmt.Errorf("claim by receipts: receipt %d of job %s: no amount: %w", i, r.JobID, ErrBadPayout)
		}
		in[i] = bindings.RenderEscrowSignedReceipt{JobId: r.JobID, Amount: r.Amount, Tasks: new(big.Int).SetUint64(r.Tasks), Results: r.Results, Signature: r.Signature}
	}
	r, err := c.transact(ctx, c.escrow, c.escB.PackClaimByReceipts(in))
	return r, wrapf(err, "claim by %d receipts for %s", len(receipts), c.from)
}

// Verdict is where a conviction stands, as the escrow stores it.
type Verdict uint8

// The verdicts, in the contract's order.
const (
	VerdictNone       Verdict = iota // never slashed in the job
	VerdictConvicted                 // slashed, not disputed
	VerdictDisputed                  // under dispute
	VerdictUpheld                    // disputed and the slash stands
	VerdictOverturned                // disputed and the stake came back
)

// String names the verdict.
func (v Verdict) String() string {
	switch v {
	case VerdictNone:
		return "none"
	case VerdictConvicted:
		return "convicted"
	case VerdictDisputed:
		return "disputed"
	case VerdictUpheld:
		return "upheld"
	case VerdictOverturned:
		return "overturned"
	}
	return fmt.Sprintf("Verdict(%d)", uint8(v))
}

// Conviction is a node's slash in one job.
type Conviction struct {
	Amount    *big.Int
	SlashedAt time.Time
	Verdict   Verdict
}

// DisputeInfo is the state of a disputed conviction.
type DisputeInfo struct {
	DrawBlock  uint64           // the block whose hash draws the arbiters
	VotingEnds time.Time        // zero until the arbiters are drawn
	Arbiters   []common.Address // the drawn arbiters (up to three)
	Guilty     int
	Innocent   int
}

// ConvictionOf returns node's conviction in jobID (VerdictNone when never slashed).
func (c *Client) ConvictionOf(ctx context.Context, jobID common.Hash, node common.Address) (Conviction, error) {
	v, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackConvictions(jobID, node), c.escB.UnpackConvictions)
	if err != nil {
		return Conviction{}, fmt.Errorf("conviction of %s in %s: %w", node, jobID, c.errs.decode(err))
	}
	return Conviction{Amount: v.Amount, SlashedAt: unixTime(v.SlashedAt), Verdict: Verdict(v.Verdict)}, nil
}

// DisputeOf returns the dispute of node's conviction in jobID.
func (c *Client) DisputeOf(ctx context.Context, jobID common.Hash, node common.Address) (DisputeInfo, error) {
	v, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackDisputeOf(jobID, node), c.escB.UnpackDisputeOf)
	if err != nil {
		return DisputeInfo{}, fmt.Errorf("dispute of %s in %s: %w", node, jobID, c.errs.decode(err))
	}
	d := DisputeInfo{DrawBlock: v.DrawBlock, VotingEnds: unixTime(v.VotingEnds), Guilty: int(v.Guilty), Innocent: int(v.Innocent)}
	for _, a := range v.Arbiters {
		if a != (common.Address{}) {
			d.Arbiters = append(d.Arbiters, a)
		}
	}
	return d, nil
}

// Dispute disputes the client's conviction in jobID, posting the dispute
// bond (approving the escrow first when the allowance is short).
func (c *Client) Dispute(ctx context.Context, jobID common.Hash) (*types.Receipt, error) {
	bond, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackDisputeBond(), c.escB.UnpackDisputeBond)
	if err != nil {
		return nil, fmt.Errorf("dispute job %s: dispute bond: %w", jobID, c.errs.decode(err))
	}
	if err := c.ensureAllowance(ctx, bond); err != nil {
		return nil, fmt.Errorf("dispute job %s: %w", jobID, err)
	}
	r, err := c.transact(ctx, c.escrow, c.escB.PackDispute(jobID))
	return r, wrapf(err, "dispute conviction of %s in job %s", c.from, jobID)
}

// DrawArbiters draws the arbiters of node's dispute in jobID, once the
// dispute's draw block is mined. When that block is too old to have a hash,
// the draw moves to the next block and DrawArbiters must be called again
// (DisputeOf shows no arbiters yet).
func (c *Client) DrawArbiters(ctx context.Context, jobID common.Hash, node common.Address) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.escrow, c.escB.PackDrawArbiters(jobID, node))
	return r, wrapf(err, "draw arbiters for %s in job %s", node, jobID)
}

// Vote records the client's verdict, as a drawn arbiter, on node's
// conviction in jobID: guilty when its re-render confirms the check.
func (c *Client) Vote(ctx context.Context, jobID common.Hash, node common.Address, guilty bool) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.escrow, c.escB.PackVote(jobID, node, guilty))
	return r, wrapf(err, "vote on %s in job %s", node, jobID)
}

// Resolve ends node's dispute in jobID by the majority of votes. Anyone may call.
func (c *Client) Resolve(ctx context.Context, jobID common.Hash, node common.Address) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.escrow, c.escB.PackResolve(jobID, node))
	return r, wrapf(err, "resolve dispute of %s in job %s", node, jobID)
}

// ErrJobNotFunded reports a job a worker should not render for: not open in
// the escrow, opened by someone else than the coordinator asking, or past its
// deadline (its receipts would not be honoured as the worker expects).
var ErrJobNotFunded = errors.New("job is not funded in the escrow by this coordinator")

// CheckFunded returns jobID's escrow record when the job is open, was opened
// by requester (the coordinator leasing the task) and its deadline is ahead:
// its budget is locked, so the receipts requester signs for it will be paid.
// A worker checks it before rendering (and before signing a result) for a job.
func (c *Client) CheckFunded(ctx context.Context, jobID common.Hash, requester common.Address) (Job, error) {
	j, err := c.Job(ctx, jobID)
	if err != nil {
		return Job{}, err
	}
	now, err := c.chain.Now(ctx)
	if err != nil {
		return Job{}, err
	}
	switch {
	case j.Status != JobOpen:
		return j, fmt.Errorf("job %s is %v in the escrow, not open: %w", jobID, j.Status, ErrJobNotFunded)
	case j.Requester != requester:
		return j, fmt.Errorf("job %s was opened by %s, not by coordinator %s: %w", jobID, j.Requester, requester, ErrJobNotFunded)
	case !now.Before(j.Deadline):
		return j, fmt.Errorf("job %s: deadline %s has passed: %w", jobID, j.Deadline.UTC().Format(time.RFC3339), ErrJobNotFunded)
	}
	return j, nil
}

// ErrNoReceiptWindow reports a job whose receipts can no longer be (or never
// were) redeemed.
var ErrNoReceiptWindow = errors.New("job's receipts cannot be redeemed")

// ReceiptWindow returns when the escrow honours receipts of jobID: after
// settle until settledAt + ReclaimGrace, or for a job never settled after its
// deadline until deadline + ReclaimGrace (from is exclusive there: the first
// block after the deadline). A worker's wallet waits for it and claims before
// it closes.
func (c *Client) ReceiptWindow(ctx context.Context, jobID common.Hash) (from, until time.Time, err error) {
	j, err := c.Job(ctx, jobID)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	grace, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackReclaimGrace(), c.escB.UnpackReclaimGrace)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("reclaim grace: %w", c.errs.decode(err))
	}
	g := time.Duration(grace) * time.Second
	switch j.Status {
	case JobOpen:
		return j.Deadline, j.Deadline.Add(g), nil
	case JobSettled:
		return j.SettledAt, j.SettledAt.Add(g), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("job %s is %v: %w", jobID, j.Status, ErrNoReceiptWindow)
}

// Reclaimed reads what a reclaim transaction r returned to the requester,
// and whether it closed the job (ok false: r holds no Reclaimed event).
func (c *Client) Reclaimed(r *types.Receipt) (amount *big.Int, closed, ok bool) {
	for _, l := range r.Logs {
		if l.Address != c.addrs.Escrow {
			continue
		}
		if ev, err := c.escB.UnpackReclaimedEvent(l); err == nil {
			return ev.Amount, ev.Closed, true
		}
	}
	return nil, false, false
}

// ClaimWindow returns how long after settle the escrow pays leaves (and
// holds reservations for them); then reclaim closes the job.
func (c *Client) ClaimWindow(ctx context.Context) (time.Duration, error) {
	w, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackClaimWindow(), c.escB.UnpackClaimWindow)
	if err != nil {
		return 0, fmt.Errorf("claim window: %w", c.errs.decode(err))
	}
	return time.Duration(w) * time.Second, nil
}

// Domain returns the deployment signatures are made for.
func (c *Client) Domain() Domain {
	return Domain{ChainID: c.chain.ChainID(), Escrow: c.addrs.Escrow}
}

// SignReceipt signs r with the client's key (the requester's) for this
// deployment.
func (c *Client) SignReceipt(r WorkReceipt) (WorkReceipt, error) {
	return SignReceipt(c.key, c.Domain(), r)
}

// VerifyReceipt checks that signer signed r as the escrow on the chain
// reads receipts: over the contract's own receiptDigest, so a receipt
// signed for another chain or escrow (which would not redeem) fails even
// when this client's idea of the domain were wrong.
func (c *Client) VerifyReceipt(ctx context.Context, r WorkReceipt, signer common.Address) error {
	if r.Amount == nil {
		return fmt.Errorf("receipt of job %s: no amount: %w", r.JobID, ErrBadPayout)
	}
	digest, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackReceiptDigest(r.JobID, r.Worker, r.Amount, new(big.Int).SetUint64(r.Tasks), r.Results), c.escB.UnpackReceiptDigest)
	if err != nil {
		return fmt.Errorf("receipt of job %s: read the escrow's digest: %w", r.JobID, c.errs.decode(err))
	}
	if err := verify65(digest, r.Signature, signer); err != nil {
		return fmt.Errorf("receipt of job %s for %s: %w", r.JobID, r.Worker, err)
	}
	return nil
}

// SignResult signs a worker's result of task in jobID with the client's key.
func (c *Client) SignResult(jobID common.Hash, task uint64, resultHash common.Hash) (SignedResult, error) {
	return SignResult(c.key, c.Domain(), jobID, task, resultHash)
}

// SignCheck signs, with the client's key, its render (renderHash) of the
// crops of task in job jobID for this deployment: what holds it, as a
// checker, to the pixels it answered with.
func (c *Client) SignCheck(jobID common.Hash, task uint64, crops []image.Rectangle, renderHash common.Hash) (SignedCheck, error) {
	return SignCheck(c.key, c.Domain(), jobID, task, crops, renderHash)
}

// Reclaim returns to the requester what jobID can no longer owe: what is left
// of the budget and bond of a job never settled once its deadline and grace
// have passed (closing it); for a settled job, the budget outside the tree and
// the bond once ReclaimGrace after settle has passed, and the unclaimed leaves
// too once the claim window has closed (closing it). Anyone may call.
func (c *Client) Reclaim(ctx context.Context, jobID common.Hash) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.escrow, c.escB.PackReclaim(jobID))
	return r, wrapf(err, "reclaim job %s", jobID)
}

// Job returns the escrow's record of jobID (status JobNone when unknown).
func (c *Client) Job(ctx context.Context, jobID common.Hash) (Job, error) {
	// Two calls (open disputes are a mapping of their own), both at one
	// block, so that the job and its disputes are read as they stood
	// together. (A node that no longer holds that block's state, after a
	// reorg or behind a balancer, fails the read, as a call fails.)
	head, err := c.chain.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return Job{}, fmt.Errorf("job %s: %w", jobID, err)
	}
	opts := c.callOpts(ctx)
	opts.BlockNumber = head.Number
	j, err := bind.Call(c.escrow, opts, c.escB.PackJobOf(jobID), c.escB.UnpackJobOf)
	if err != nil {
		return Job{}, fmt.Errorf("job %s: %w", jobID, c.errs.decode(err))
	}
	open, err := bind.Call(c.escrow, opts, c.escB.PackOpenDisputes(jobID), c.escB.UnpackOpenDisputes)
	if err != nil {
		return Job{}, fmt.Errorf("job %s: %w", jobID, c.errs.decode(err))
	}
	out := Job{
		Requester: j.Requester,
		Deadline:  unixTime(j.Deadline),
		SettledAt: unixTime(j.SettledAt),
		Status:    JobStatus(j.Status),
		Disputes:  int(open.Int64()),
		Budget:    j.Budget,
		Unclaimed: j.Unclaimed,
		Held:      j.Held,
		Reserved:  j.Reserved,
		Bond:      j.Bond,
		Slashed:   j.Slashed,
		Root:      j.Root,
	}
	return out, nil
}

// Claimed reports whether node has been paid anything from jobID, by its
// leaf or its receipts.
func (c *Client) Claimed(ctx context.Context, jobID common.Hash, node common.Address) (bool, error) {
	v, err := c.Paid(ctx, jobID, node)
	if err != nil {
		return false, err
	}
	return v.Sign() > 0, nil
}

// Paid returns what node has been paid from jobID, by leaf and receipts
// together.
func (c *Client) Paid(ctx context.Context, jobID common.Hash, node common.Address) (*big.Int, error) {
	v, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackPaid(jobID, node), c.escB.UnpackPaid)
	return v, wrapf(c.errs.decode(err), "paid %s to %s", jobID, node)
}

// Convicted reports whether node was slashed for jobID (a conviction later
// overturned included: a node is slashed once per job).
func (c *Client) Convicted(ctx context.Context, jobID common.Hash, node common.Address) (bool, error) {
	cv, err := c.ConvictionOf(ctx, jobID, node)
	return cv.Verdict != VerdictNone, err
}

// Burned returns all stake slashed so far: it never leaves the escrow.
func (c *Client) Burned(ctx context.Context) (*big.Int, error) {
	v, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackBurned(), c.escB.UnpackBurned)
	return v, wrapf(c.errs.decode(err), "burned")
}

// BondFor returns the requester's bond OpenJob locks with budget.
func (c *Client) BondFor(ctx context.Context, budget *big.Int) (*big.Int, error) {
	v, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackBondFor(budget), c.escB.UnpackBondFor)
	return v, wrapf(c.errs.decode(err), "bond for budget %v", budget)
}

// SlashCap returns the most jobID's requester may slash in total.
func (c *Client) SlashCap(ctx context.Context, jobID common.Hash) (*big.Int, error) {
	v, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackSlashCap(jobID), c.escB.UnpackSlashCap)
	return v, wrapf(c.errs.decode(err), "slash cap of %s", jobID)
}

// ---------------------------------------------------------------- stakes

// Stake bonds amount of the client's tokens, approving the escrow first when
// the allowance is short.
func (c *Client) Stake(ctx context.Context, amount *big.Int) (*types.Receipt, error) {
	if err := c.ensureAllowance(ctx, amount); err != nil {
		return nil, fmt.Errorf("stake %v: %w", amount, err)
	}
	r, err := c.transact(ctx, c.escrow, c.escB.PackStake(amount))
	return r, wrapf(err, "stake %v", amount)
}

// RequestUnstake starts the delay after which amount of the active stake can
// be withdrawn with Unstake. A new request restarts the delay for everything
// pending.
func (c *Client) RequestUnstake(ctx context.Context, amount *big.Int) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.escrow, c.escB.PackRequestUnstake(amount))
	return r, wrapf(err, "request unstake of %v", amount)
}

// Unstake withdraws all pending stake once the delay has passed.
func (c *Client) Unstake(ctx context.Context) (*types.Receipt, error) {
	r, err := c.transact(ctx, c.escrow, c.escB.PackUnstake())
	return r, wrapf(err, "unstake")
}

// StakeOf returns node's stake.
func (c *Client) StakeOf(ctx context.Context, node common.Address) (Stake, error) {
	s, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackStakeOf(node), c.escB.UnpackStakeOf)
	if err != nil {
		return Stake{}, fmt.Errorf("stake of %s: %w", node, c.errs.decode(err))
	}
	return Stake{Active: s.Active, Pending: s.Pending, UnlockAt: unixTime(new(big.Int).SetUint64(s.UnlockAt))}, nil
}

// --------------------------------------------------------------- plumbing

func (c *Client) callOpts(ctx context.Context) *bind.CallOpts {
	return &bind.CallOpts{Context: ctx, From: c.from}
}

func (c *Client) ensureAllowance(ctx context.Context, amount *big.Int) error {
	have, err := c.Allowance(ctx, c.from, c.addrs.Escrow)
	if err != nil {
		return err
	}
	if have.Cmp(amount) >= 0 {
		return nil
	}
	_, err = c.Approve(ctx, c.addrs.Escrow, amount)
	return err
}

// transact sends data to contract from the client's key, waits for the
// receipt and turns reverts into *RevertError. The gas estimate runs the call
// first, so most reverts are caught (and decoded) before anything is sent.
func (c *Client) transact(ctx context.Context, contract *bind.BoundContract, data []byte) (*types.Receipt, error) {
	unlock := c.chain.lockAccount(c.from)
	defer unlock()
	opts := bind.NewKeyedTransactor(c.key, c.chain.chainID)
	opts.Context = ctx
	limit, err := c.gasLimit(ctx, contract.Address(), data)
	if err != nil {
		return nil, err
	}
	opts.GasLimit = limit
	tx, err := bind.Transact(contract, opts, data)
	if err != nil {
		return nil, c.errs.decode(err)
	}
	return c.await(ctx, tx, contract.Address(), data)
}

// gasLimit estimates data's gas and adds a margin. The estimate runs against
// the latest block, the transaction in a later one: a storage write that is a
// no-op at the estimate (requestUnstake writing the same unlockAt in the same
// second) costs 2,800 more when mined, and an exact estimate then runs out of
// gas (found by FuzzEscrow). Only the gas used is paid, so the margin is free.
func (c *Client) gasLimit(ctx context.Context, to common.Address, data []byte) (uint64, error) {
	gas, err := c.chain.backend.EstimateGas(ctx, ethereum.CallMsg{From: c.from, To: &to, Data: data})
	if err != nil {
		return 0, c.errs.decode(err)
	}
	limit := gas + gas/4 + 10_000
	if limit > 15_000_000 { // rare: stay inside the block's limit
		h, err := c.chain.backend.HeaderByNumber(ctx, nil)
		if err != nil {
			return 0, fmt.Errorf("latest block: %w", err)
		}
		limit = min(limit, h.GasLimit)
	}
	return limit, nil
}

func (c *Client) deploy(ctx context.Context, name, bin string, args []byte) (common.Address, error) {
	unlock := c.chain.lockAccount(c.from)
	defer unlock()
	opts := bind.NewKeyedTransactor(c.key, c.chain.chainID)
	opts.Context = ctx
	code := append(common.FromHex(bin), args...)
	addr, tx, err := bind.DeployContract(opts, common.FromHex(bin), c.chain.backend, args)
	if err != nil {
		return common.Address{}, fmt.Errorf("deploy %s: %w", name, c.errs.decode(err))
	}
	r, err := c.await(ctx, tx, common.Address{}, code)
	if err != nil {
		return common.Address{}, fmt.Errorf("deploy %s: %w", name, err)
	}
	if r.ContractAddress != addr {
		return common.Address{}, fmt.Errorf("deploy %s: receipt names %s, expected %s", name, r.ContractAddress, addr)
	}
	return addr, nil
}

// await waits for tx's receipt. A transaction that passed its gas estimate can
// still revert when the state changed in between; replaying it at the block it
// failed in recovers the reason.
func (c *Client) await(ctx context.Context, tx *types.Transaction, to common.Address, data []byte) (*types.Receipt, error) {
	r, err := c.chain.waitMined(ctx, tx.Hash())
	if err != nil {
		return nil, err
	}
	if r.Status == types.ReceiptStatusSuccessful {
		return r, nil
	}
	msg := ethereum.CallMsg{From: c.from, Data: data, Gas: tx.Gas()}
	if to != (common.Address{}) {
		msg.To = &to
	}
	_, cerr := c.chain.backend.CallContract(ctx, msg, r.BlockNumber)
	if cerr == nil {
		cerr = &RevertError{Err: ErrReverted}
	}
	return r, fmt.Errorf("transaction %s failed in block %v: %w", tx.Hash(), r.BlockNumber, c.errs.decode(cerr))
}

func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

func hashes(hs []common.Hash) [][32]byte {
	out := make([][32]byte, len(hs))
	for i, h := range hs {
		out[i] = h
	}
	return out
}

func seconds(d time.Duration) uint64 { return uint64(d / time.Second) }

func unixTime(s *big.Int) time.Time {
	if s == nil || s.Sign() == 0 {
		return time.Time{}
	}
	return time.Unix(s.Int64(), 0)
}

// NewSimulatedEscrow starts a simulated chain (NewSimulated) with the
// contracts deployed by the first development key, as the in-process demo
// and the farm's tests run their money: the client is that key's. Closing
// the chain releases both.
func NewSimulatedEscrow(ctx context.Context, sim SimConfig) (*Chain, *Client, error) {
	chain, err := NewSimulated(sim)
	if err != nil {
		return nil, nil, fmt.Errorf("simulated chain: %w", err)
	}
	client, err := Deploy(ctx, chain, DevKey(0), DefaultConfig())
	if err != nil {
		chain.Close()
		return nil, nil, fmt.Errorf("deploy contracts: %w", err)
	}
	return chain, client, nil
}

// minBig is the smaller of a and b.
func minBig(a, b *big.Int) *big.Int {
	if a.Cmp(b) < 0 {
		return a
	}
	return b
}
