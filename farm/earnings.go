package farm

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
	"github.com/ethereum/go-ethereum/common"
)

// Earnings. A GPU owner wants to see what the node earned, in one place:
// the worker keeps, per job and per day, the tasks it rendered and the time
// they took, and the checks its receipts say passed (earnLog, in the
// store's meta, so they survive a restart); the tokens, slashes and failed
// checks are read from the chain when asked, so they are the chain's to the
// wei and never drift from it. GET /v1/earnings, `conun earnings` and the
// conun_tokens_earned_total family of metrics all read Node.earnings.

// earnPrefix starts the store's meta key of each job's record.
const earnPrefix = "earnings/"

// earnLog is what this node rendered, per job, kept in the store.
type earnLog struct {
	store *store.Store // nil: memory only
	now   func() time.Time

	mu   sync.Mutex
	jobs map[string]*earnRecord // by escrow id, or the job's id off a chain
}

// earnRecord is one job's work on this node.
type earnRecord struct {
	Job    string              `json:"job"`
	Escrow string              `json:"escrow,omitempty"`
	Days   map[string]*earnDay `json:"days"`
	// Passed are the tasks its receipts say were checked and passed
	// (a task is listed again by a later receipt: a set, not a count).
	Passed []uint64 `json:"passed,omitempty"`
}

// earnDay is one job's work on one UTC day.
type earnDay struct {
	Tasks        int64 `json:"tasks"`
	RenderMillis int64 `json:"render_ms"`
}

// lastDay is the record's latest day (days sort as strings).
func (r *earnRecord) lastDay() string {
	last := ""
	for d := range r.Days {
		last = max(last, d)
	}
	return last
}

// newEarnLog loads the records kept in st. A corrupt record is left out
// (and named in the error) rather than stopping the node: the log is
// usable either way.
func newEarnLog(st *store.Store, now func() time.Time) (*earnLog, error) {
	l := &earnLog{store: st, now: now, jobs: make(map[string]*earnRecord)}
	if st == nil {
		return l, nil
	}
	var bad error
	for _, k := range st.MetaKeys(earnPrefix) {
		var r earnRecord
		if err := json.Unmarshal(st.Meta(k), &r); err != nil {
			bad = cmp.Or(bad, fmt.Errorf("stored earnings %s are corrupt, left out: %w", k, err))
			continue
		}
		if r.Days == nil {
			r.Days = make(map[string]*earnDay)
		}
		l.jobs[strings.TrimPrefix(k, earnPrefix)] = &r
	}
	return l, bad
}

// earnKey is a job's key in the log: its escrow id on a chain (what
// receipts and claims name), else its id.
func earnKey(job string, escrow common.Hash) string {
	if escrow != (common.Hash{}) {
		return escrow.Hex()
	}
	return job
}

// rendered records a task of job this node rendered in took.
func (l *earnLog) rendered(job string, escrow common.Hash, took time.Duration) {
	day := l.now().UTC().Format(api.DayLayout)
	l.update(earnKey(job, escrow), func(r *earnRecord) {
		if r.Job == "" {
			r.Job = job
			if escrow != (common.Hash{}) {
				r.Escrow = escrow.Hex()
			}
		}
		d := r.Days[day]
		if d == nil {
			d = new(earnDay)
			r.Days[day] = d
		}
		d.Tasks++
		d.RenderMillis += took.Milliseconds()
	})
}

// passed records tasks of the job escrow that a receipt says passed their
// check; a job this node never rendered for is not recorded.
func (l *earnLog) passed(escrow string, tasks []api.ReceiptTask) {
	key := common.HexToHash(escrow).Hex()
	l.mu.Lock()
	_, ok := l.jobs[key]
	l.mu.Unlock()
	if !ok {
		return
	}
	l.update(key, func(r *earnRecord) {
		for _, t := range tasks {
			if t.Checked && !slices.Contains(r.Passed, t.Task) {
				r.Passed = append(r.Passed, t.Task)
			}
		}
	})
}

// update changes the record of key (made when missing) and keeps it.
func (l *earnLog) update(key string, f func(*earnRecord)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := l.jobs[key]
	if r == nil {
		r = &earnRecord{Days: make(map[string]*earnDay)}
		l.jobs[key] = r
	}
	f(r)
	if l.store != nil {
		b, _ := json.Marshal(r)
		l.store.PutMeta(earnPrefix+key, b) // the writer keeps the order: the last one lands last
	}
}

// snapshot copies the records.
func (l *earnLog) snapshot() []earnRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]earnRecord, 0, len(l.jobs))
	for _, r := range l.jobs {
		c := earnRecord{Job: r.Job, Escrow: r.Escrow, Passed: slices.Clone(r.Passed), Days: make(map[string]*earnDay, len(r.Days))}
		for d, v := range r.Days {
			c.Days[d] = &earnDay{Tasks: v.Tasks, RenderMillis: v.RenderMillis}
		}
		out = append(out, c)
	}
	return out
}

// jobMoney is what the chain says of this node in one job.
type jobMoney struct {
	earned, slashed *big.Int
	convicted       bool
}

// finalMoney keeps what the chain said of jobs whose figures can no longer
// change, so a /metrics scrape of a node with many old jobs reads the chain
// only for the jobs still moving.
type finalMoney struct {
	mu   sync.Mutex
	jobs map[string]jobMoney // by escrow id
}

func (f *finalMoney) get(escrow string) (jobMoney, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, ok := f.jobs[escrow]
	return m, ok
}

func (f *finalMoney) put(escrow string, m jobMoney) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.jobs == nil {
		f.jobs = make(map[string]jobMoney)
	}
	f.jobs[escrow] = m
}

// moneyOf reads from the chain what escrow paid this node and what it
// slashed of it. A job closed on the chain (reclaimed: no claim, receipt or
// slash is taken any more) in which this node's conviction, if any, is no
// longer disputable or under dispute, is final: read once, then kept.
func (n *Node) moneyOf(ctx context.Context, escrow string) (jobMoney, error) {
	if m, ok := n.final.get(escrow); ok {
		return m, nil
	}
	c, me, id := n.wallet.chain, n.cfg.Identity.Address(), common.HexToHash(escrow)
	// The status is read first: closed is for good, so what is read after
	// it is final too.
	job, err := c.Job(ctx, id)
	if err != nil {
		return jobMoney{}, err
	}
	paid, err := c.Paid(ctx, id, me)
	if err != nil {
		return jobMoney{}, err
	}
	bonus, err := c.ReceiptBonus(ctx, id, me)
	if err != nil {
		return jobMoney{}, err
	}
	cv, err := c.ConvictionOf(ctx, id, me)
	if err != nil {
		return jobMoney{}, err
	}
	m := jobMoney{earned: paid.Add(paid, bonus), slashed: new(big.Int)}
	if cv.Verdict != contracts.VerdictNone && cv.Verdict != contracts.VerdictOverturned {
		m.slashed, m.convicted = cv.Amount, true
	}
	// A standing conviction may still be disputed (and overturned): only
	// a verdict no dispute can move is final.
	settledVerdict := cv.Verdict == contracts.VerdictNone || cv.Verdict == contracts.VerdictUpheld || cv.Verdict == contracts.VerdictOverturned
	if job.Status == contracts.JobClosed && settledVerdict {
		n.final.put(escrow, m)
	}
	return m, nil
}

// paymentState is where a job's payment stands, from the wallet's leaf and
// receipt of it (either may be nil) and what the chain paid.
func paymentState(leaf *api.WalletClaim, held *heldReceipt, paid *big.Int) string {
	switch {
	case leaf != nil && !leaf.Claimed && leaf.Error == "", held != nil && !held.Done:
		return api.ClaimPending
	case paid != nil && paid.Sign() > 0:
		return api.ClaimPaid
	case leaf != nil && leaf.Error != "", held != nil && held.Info.Error != "":
		return api.ClaimFailed
	}
	return ""
}

// earnCount is an api.EarningsCount with render time in milliseconds, so
// that sums in any order agree exactly.
type earnCount struct {
	api.EarningsCount
	millis int64
}

func (c *earnCount) add(o earnCount) {
	c.EarningsCount.Add(o.EarningsCount)
	c.millis += o.millis
}

func (c earnCount) out() api.EarningsCount {
	c.RenderSeconds = float64(c.millis) / 1000
	return c.EarningsCount
}

// earnings is what this node earned as a worker from the day since on
// (zero: all). On a chain failure it returns what it has with the error.
func (n *Node) earnings(ctx context.Context, since time.Time) (api.Earnings, error) {
	out := api.Earnings{Address: n.cfg.Identity.Address().Hex(), Connected: n.wallet.chain != nil, Jobs: []api.JobEarnings{}, Days: []api.DayEarnings{}}
	from := ""
	if !since.IsZero() {
		from = since.UTC().Format(api.DayLayout)
		out.Since = from
	}
	recs := n.earned.snapshot()
	leaves := make(map[string]api.WalletClaim)
	helds := make(map[string]heldReceipt)
	n.wallet.claimsMu.Lock()
	for _, c := range n.wallet.claims {
		leaves[common.HexToHash(c.JobID).Hex()] = c
	}
	for _, h := range n.wallet.receipts {
		helds[common.HexToHash(h.Receipt.JobID).Hex()] = h
	}
	n.wallet.claimsMu.Unlock()

	var firstErr error
	days := make(map[string]*earnCount)
	var total earnCount
	for _, r := range recs {
		var job earnCount
		for day, d := range r.Days {
			if day < from {
				continue
			}
			c := earnCount{EarningsCount: api.EarningsCount{Tasks: d.Tasks}, millis: d.RenderMillis}
			job.add(c)
			if days[day] == nil {
				days[day] = new(earnCount)
			}
			days[day].add(c)
		}
		if job.Tasks == 0 {
			continue // nothing since: its last day is before too
		}
		je := api.JobEarnings{Job: r.Job, Escrow: r.Escrow, Day: r.lastDay()}
		money := earnCount{EarningsCount: api.EarningsCount{ChecksPassed: len(r.Passed)}}
		var paid *big.Int
		if n.wallet.chain != nil && r.Escrow != "" {
			m, err := n.moneyOf(ctx, r.Escrow)
			if err != nil {
				firstErr = cmp.Or(firstErr, fmt.Errorf("read job %s from the escrow: %w", r.Escrow, err))
			} else {
				paid = m.earned
				money.Earned, money.Slashed = api.TokensFromWei(m.earned), api.TokensFromWei(m.slashed)
				if m.convicted {
					money.ChecksFailed, money.Slashes = 1, 1
				}
			}
		}
		var leaf *api.WalletClaim
		if c, ok := leaves[r.Escrow]; ok && r.Escrow != "" {
			leaf = &c
			je.ClaimStatus = c.Status()
		}
		var held *heldReceipt
		if h, ok := helds[r.Escrow]; ok && r.Escrow != "" {
			held = &h
		}
		if je.Claim = paymentState(leaf, held, paid); je.Claim != "" {
			money.Claims = map[string]int{je.Claim: 1}
		}
		job.add(money)
		days[je.Day].add(money) // tokens count on the job's last day
		total.add(job)
		je.EarningsCount = job.out()
		out.Jobs = append(out.Jobs, je)
	}
	for day, c := range days {
		out.Days = append(out.Days, api.DayEarnings{Day: day, EarningsCount: c.out()})
	}
	out.Total = total.out()
	slices.SortFunc(out.Jobs, func(a, b api.JobEarnings) int {
		return cmp.Or(strings.Compare(b.Day, a.Day), strings.Compare(a.Job, b.Job))
	})
	slices.SortFunc(out.Days, func(a, b api.DayEarnings) int { return strings.Compare(b.Day, a.Day) })
	if n.wallet.chain != nil {
		st, err := n.wallet.chain.StakeOf(ctx, n.cfg.Identity.Address())
		if err != nil {
			firstErr = cmp.Or(firstErr, fmt.Errorf("read this node's stake: %w", err))
		} else {
			out.Stake = api.TokensFromWei(new(big.Int).Add(st.Active, st.Pending))
		}
	}
	return out, firstErr
}

// getEarnings serves GET /v1/earnings?since=YYYY-MM-DD.
func (n *Node) getEarnings(rw http.ResponseWriter, r *http.Request) {
	var since time.Time
	if s := r.URL.Query().Get("since"); s != "" {
		d, err := api.ParseDay(s)
		if err != nil {
			n.metrics.apiRejected.Add(1)
			httpError(rw, http.StatusBadRequest, err)
			return
		}
		since = d
	}
	e, err := n.earnings(r.Context(), since)
	if err != nil {
		httpError(rw, http.StatusBadGateway, err)
		return
	}
	writeJSON(rw, e)
}

// writeEarningsMetrics serves the earnings as Prometheus metrics. Tokens
// are a float64 there, exact to about 15 digits: the exact amount is
// conun earnings'. When the chain could not be read (err), the metrics it
// gives are left out rather than served wrong.
func writeEarningsMetrics(w io.Writer, e api.Earnings, err error) {
	t := e.Total
	counter := func(name, help string, v string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %s\n", name, help, name, name, v)
	}
	counter("conun_tasks_total", "tasks this node rendered for coordinators' jobs, as conun earnings counts them", strconv.FormatInt(t.Tasks, 10))
	counter("conun_render_seconds_total", "seconds this node spent rendering those tasks", strconv.FormatFloat(t.RenderSeconds, 'f', -1, 64))
	fmt.Fprintf(w, "# HELP conun_checks_total this node's tasks spot-checked, by result (passed: as receipts say; failed: convictions on the chain)\n# TYPE conun_checks_total counter\n")
	fmt.Fprintf(w, "conun_checks_total{result=\"passed\"} %d\n", t.ChecksPassed)
	if err != nil {
		return
	}
	fmt.Fprintf(w, "conun_checks_total{result=\"failed\"} %d\n", t.ChecksFailed)
	counter("conun_tokens_earned_total", "tokens the escrow paid this node (a float: the exact amount is in conun earnings)", tokensFloat(t.Earned))
	counter("conun_tokens_slashed_total", "tokens of this node's stake slashed (a float: the exact amount is in conun earnings)", tokensFloat(t.Slashed))
	counter("conun_slashes_total", "convictions of this node on the chain that stand", strconv.Itoa(t.Slashes))
	fmt.Fprintf(w, "# HELP conun_claims jobs by where this node's payment for them stands\n# TYPE conun_claims gauge\n")
	for _, s := range []string{api.ClaimPending, api.ClaimPaid, api.ClaimFailed} {
		fmt.Fprintf(w, "conun_claims{status=%q} %d\n", s, t.Claims[s])
	}
}

// tokensFloat is t as Prometheus writes a float.
func tokensFloat(t api.Tokens) string {
	f, _ := strconv.ParseFloat(t.String(), 64)
	return strconv.FormatFloat(f, 'g', -1, 64)
}
