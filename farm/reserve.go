package farm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/common"
)

// Reservations. A receipt is the requester's word, and the requester signs
// as many as it likes: receipts to its own addresses, or a payout tree
// whose total is the whole budget, could take every token before the
// workers it owes claimed theirs. The escrow pays each worker from what the
// requester reserved for it first (RenderEscrow.reserve), and nothing else
// reaches a reservation. So a worker renders a paid task only while its
// reservation on chain covers every task it rendered in the job with this
// one, beyond the credit its owner allows (reserveGuard, --credit), and the
// coordinator reserves for a worker before it leases to it (reserver):
// one transaction for all the leases waiting, and a few tasks ahead while
// the budget has room, so that a worker does not wait for a block a lease.
//
// Who gains if the coordinator lies: a lease that says it is reserved is
// not believed (the worker reads the chain); a coordinator that reserves
// less gets its tasks refused, and what it reserves beyond the work goes
// back to the requester when the job closes.

// reserveAhead is how many tasks beyond its leases a worker's reservation
// covers, while the budget has room after what leases wait for, once a
// reservation took slowAfter or longer to be mined: a lease then waits for
// a block only now and then. On a chain that mines at once nothing is
// reserved ahead, as what a reservation holds beyond the work stays in the
// escrow until the job's claim window closes.
const (
	reserveAhead = 2
	slowReserve  = time.Second
)

// headerUnreserved marks a worker's refusal of a lease that its
// reservation does not cover: the coordinator reserves and leases again,
// and counts it against nobody.
const headerUnreserved = "X-Conun-Unreserved"

// errUnreserved marks a lease the worker refused for want of a
// reservation. errBudgetReserved marks one refused so when the budget had
// nothing left to reserve: the task cannot be paid for, and fails.
var (
	errUnreserved     = errors.New("not reserved for the worker in the escrow")
	errBudgetReserved = errors.New("the job's budget is all reserved or settled")
)

// reserver reserves the budget of the jobs this coordinator runs for their
// workers, batching what concurrent leases need into one transaction.
type reserver struct {
	ctx   context.Context // the node's: a transaction outlives the lease that asked for it
	chain *contracts.Client
	log   *slog.Logger
	mu    sync.Mutex
	jobs  map[common.Hash]*jobReserves
	slow  bool      // a reservation took slowReserve or longer: reserve ahead
	said  time.Time // when a failed reservation was last logged
}

// jobReserves is what a job reserved for each worker and what its leases
// need.
type jobReserves struct {
	// base is what the chain held for the worker when this process first
	// looked: the reservations of its leases before a restart, which cover
	// every task it signed before (it renders none beyond them).
	base     map[common.Address]*big.Int
	reserved map[common.Address]*big.Int // on chain, as this coordinator knows it; absent: read it
	leased   map[common.Address]*big.Int // the paid leases sent the worker since, the most ensure was told
	price    map[common.Address]*big.Int // the worker's price, for reserving ahead
	busy     chan struct{}               // while a transaction runs: closed when it ends
	full     bool                        // the budget had nothing left to reserve
}

// newReservesFor is chain's reserver, or nil without a chain.
func newReservesFor(ctx context.Context, chain *contracts.Client, log *slog.Logger) *reserver {
	if chain == nil {
		return nil
	}
	return &reserver{ctx: ctx, chain: chain, log: log, jobs: make(map[common.Hash]*jobReserves)}
}

// need is what worker needs reserved in jr; r.mu must be held.
func (jr *jobReserves) need(worker common.Address) *big.Int {
	return new(big.Int).Add(jr.base[worker], jr.leased[worker])
}

// ensure returns once the escrow reserves for worker in job id what it
// held when this process first looked, plus leased (every paid lease this
// coordinator sent the worker in the job since, this one included),
// reserving what is missing with what the job's other leases wait for. It
// reports false, without an error, when the budget had nothing left to
// reserve: the lease goes out, for a worker whose credit covers it.
func (r *reserver) ensure(ctx context.Context, id common.Hash, worker common.Address, leased, price *big.Int) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	jr := r.jobs[id]
	if jr == nil {
		jr = &jobReserves{base: map[common.Address]*big.Int{}, reserved: map[common.Address]*big.Int{}, leased: map[common.Address]*big.Int{}, price: map[common.Address]*big.Int{}}
		r.jobs[id] = jr
	}
	if cur := jr.leased[worker]; cur == nil || cur.Cmp(leased) < 0 {
		jr.leased[worker] = leased
	}
	jr.price[worker] = price
	for {
		have, known := jr.reserved[worker]
		switch {
		case !known:
			r.mu.Unlock()
			v, err := r.chain.ReservedFor(ctx, id, worker)
			r.mu.Lock()
			if err != nil {
				return false, err
			}
			if jr.base[worker] == nil {
				jr.base[worker] = v
			}
			if cur := jr.reserved[worker]; cur == nil || cur.Cmp(v) < 0 {
				jr.reserved[worker] = v
			}
			continue
		case have.Cmp(new(big.Int).Add(jr.base[worker], leased)) >= 0:
			return true, nil
		case jr.full:
			return false, nil
		case jr.busy != nil:
			busy := jr.busy
			r.mu.Unlock()
			select {
			case <-busy:
			case <-ctx.Done():
			}
			r.mu.Lock()
			if ctx.Err() != nil {
				return false, context.Cause(ctx)
			}
			continue
		}
		busy := make(chan struct{})
		jr.busy = busy
		shares, err := r.reserve(id, jr, worker)
		jr.busy = nil
		close(busy)
		if err != nil {
			if now := time.Now(); now.Sub(r.said) >= time.Minute {
				r.said = now
				r.log.Error("reserve workers' pay in the escrow: their leases wait (logged once a minute)", "job", id, "err", err)
			}
			return false, err
		}
		if len(shares) == 0 {
			jr.full = true
			r.log.Warn("the job's budget has nothing left to reserve: its further leases go out unreserved, and workers that risk no credit refuse them", "job", id)
		}
	}
}

// reserve sends one transaction reserving what every worker of jr still
// needs, first's first, then reserveAhead tasks more each while the budget
// has room; r.mu must be held, and is released while it runs. It returns
// the shares reserved (none: the budget had no room). A failed
// transaction may have been mined all the same: the chain is read again.
func (r *reserver) reserve(id common.Hash, jr *jobReserves, first common.Address) ([]contracts.Reservation, error) {
	type short struct {
		worker common.Address
		amount *big.Int
	}
	var shorts, aheads []short
	before := map[common.Address]*big.Int{}
	for w := range jr.leased {
		have, known := jr.reserved[w]
		if !known {
			continue // its own ensure reads the chain first
		}
		before[w] = have
		s := short{w, new(big.Int).Sub(jr.need(w), have)}
		if s.amount.Sign() <= 0 {
			continue
		}
		if w == first {
			shorts = append([]short{s}, shorts...)
		} else {
			shorts = append(shorts, s)
		}
		if r.slow {
			aheads = append(aheads, short{w, new(big.Int).Mul(jr.price[w], big.NewInt(reserveAhead))})
		}
	}
	r.mu.Unlock()
	defer r.mu.Lock()
	j, err := r.chain.Job(r.ctx, id)
	if err != nil {
		return nil, err
	}
	room := new(big.Int).Set(j.Held)
	amounts := map[common.Address]*big.Int{}
	for k, list := range [][]short{shorts, aheads} {
		if k == 1 && new(big.Int).Mul(room, big.NewInt(2)).Cmp(j.Budget) < 0 {
			// Past half the budget, nothing ahead: what a worker holds
			// ahead when its leases stop can pay nobody else's.
			break
		}
		for _, s := range list {
			if room.Sign() == 0 {
				break
			}
			a := new(big.Int).Set(s.amount)
			if a.Cmp(room) > 0 {
				a.Set(room)
			}
			room.Sub(room, a)
			if amounts[s.worker] == nil {
				amounts[s.worker] = new(big.Int)
			}
			amounts[s.worker].Add(amounts[s.worker], a)
		}
	}
	var shares []contracts.Reservation
	for w, a := range amounts {
		if a.Sign() > 0 {
			shares = append(shares, contracts.Reservation{Worker: w, Amount: a})
		}
	}
	if len(shares) == 0 {
		return nil, nil
	}
	start := time.Now()
	_, err = r.chain.Reserve(r.ctx, id, shares)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range shares {
		if err != nil {
			delete(jr.reserved, s.Worker)
			continue
		}
		// Never more than the chain holds: another ensure may have read
		// the chain after this transaction was mined.
		if v := new(big.Int).Add(before[s.Worker], s.Amount); jr.reserved[s.Worker] == nil || jr.reserved[s.Worker].Cmp(v) < 0 {
			jr.reserved[s.Worker] = v
		}
	}
	if err != nil {
		return nil, err
	}
	r.slow = r.slow || time.Since(start) >= slowReserve
	return shares, nil
}

// reread has ensure read worker's reservation in job id from the chain
// again.
func (r *reserver) reread(id common.Hash, worker common.Address) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if jr := r.jobs[id]; jr != nil && jr.busy == nil {
		delete(jr.reserved, worker)
	}
}

// forget drops job id's reservations once it no longer leases.
func (r *reserver) forget(id common.Hash) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.jobs, id)
}

// leaseNeed counts a paid lease of j to m and returns every such lease's
// price this process sent m in the job (what the escrow must reserve for
// m beyond what it held for it before: reserver.ensure), or nil when the
// lease needs no reservation (no chain, an unpaid job, a free worker, this
// node itself). A lease lost on the way, or whose answer was refused
// here, still counts: m may hold its signed result; one never sent, or
// that m answered without a result, is taken back (unlease). c.mu must be
// held.
func (c *coordinator) leaseNeed(j *job, m api.Member) *big.Int {
	addr := common.HexToAddress(m.Addr)
	if c.reserves == nil || c.cfg.reservesOff || j.unpaid() || m.Price.IsZero() || addr == c.ident.Address() {
		return nil
	}
	if j.leasedWei == nil {
		j.leasedWei = make(map[common.Address]*big.Int)
	}
	sum := j.leasedWei[addr]
	if sum == nil {
		sum = new(big.Int)
		j.leasedWei[addr] = sum
	}
	sum.Add(sum, m.Price.Wei())
	return new(big.Int).Set(sum)
}

// unlease takes back leaseNeed's count of a lease of j to m that was never
// sent, or that m answered with no result; c.mu must be held.
func (c *coordinator) unlease(j *job, m api.Member) {
	if sum := j.leasedWei[common.HexToAddress(m.Addr)]; sum != nil && sum.Cmp(m.Price.Wei()) >= 0 {
		sum.Sub(sum, m.Price.Wei())
	}
}

// reserveGuard is a worker's side: what the escrow reserved for this node
// per job, as last read (a reservation only grows while its job is open,
// so an earlier read is never more than the chain holds), and the paid
// tasks it is rendering.
type reserveGuard struct {
	mu       sync.Mutex
	reserved map[common.Hash]*big.Int
	inflight map[common.Hash]map[uint64]int
}

// admit lets the paid task req of escrow job id render when the escrow
// reserved for this node at least its price for each task of the job it
// signed or renders, this one included, less its credit; release ends the
// task's count once its result is signed. A refusal says what is missing.
func (w *worker) admitReserved(ctx context.Context, req TaskRequest, id common.Hash) (release func(), err error) {
	g := &w.reserves
	task := uint64(req.Task)
	need := func() *big.Int {
		n := w.rendered.countWith(id, g.inflight[id], task)
		v := new(big.Int).Mul(w.price, big.NewInt(int64(n)))
		return v.Sub(v, w.credit)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	have := g.reserved[id]
	if have == nil || have.Cmp(need()) < 0 {
		g.mu.Unlock()
		v, err := w.chain.ReservedFor(ctx, id, w.ident.Address())
		g.mu.Lock()
		if err != nil {
			return nil, fmt.Errorf("job %s: read this node's reservation in the escrow: %w", req.JobID, err)
		}
		if g.reserved == nil || len(g.reserved) >= maxRenderedJobs {
			g.reserved = make(map[common.Hash]*big.Int) // a cache: read again when needed
		}
		if cur := g.reserved[id]; cur == nil || cur.Cmp(v) < 0 {
			g.reserved[id] = v
		}
		have = g.reserved[id]
	}
	if n := need(); have.Cmp(n) < 0 {
		return nil, fmt.Errorf("job %s task %d: %w: the coordinator reserved %s tokens for this node, and with this task what it renders for the job comes to %s beyond its credit of %s: it renders within its reservation",
			req.JobID, req.Task, errUnreserved, api.FormatTokens(have), api.FormatTokens(n), api.FormatTokens(w.credit))
	}
	if g.inflight == nil {
		g.inflight = make(map[common.Hash]map[uint64]int)
	}
	if g.inflight[id] == nil {
		g.inflight[id] = make(map[uint64]int)
	}
	g.inflight[id][task]++
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.inflight[id][task]--; g.inflight[id][task] <= 0 {
			delete(g.inflight[id], task)
		}
		if len(g.inflight[id]) == 0 {
			delete(g.inflight, id)
		}
	}, nil
}

// needsReservation reports whether req, a lease of escrow job id, is paid
// work this node renders only within its reservation.
func (w *worker) needsReservation(req TaskRequest, id common.Hash) bool {
	return w.chain != nil && id != (common.Hash{}) && !req.Check && !req.Preview && w.price.Sign() > 0 &&
		common.HexToAddress(req.Coordinator) != w.ident.Address()
}

// refuseUnreserved answers a lease that admitReserved refused.
func (w *worker) refuseUnreserved(rw http.ResponseWriter, req TaskRequest, err error) {
	if errors.Is(err, errUnreserved) {
		rw.Header().Set(headerUnreserved, "1")
	}
	w.failLease(rw, req, http.StatusPaymentRequired, err)
}
