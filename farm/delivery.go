package farm

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/conun/conun/farm/store"
)

// Deliveries. A worker is owed its receipts while a job runs and its claim
// (leaf and proof) once the job settles. The coordinator pushes them to the
// worker's RPC through an outbox: several at once, each request bounded by
// a timeout, a failed one tried again with a growing back-off. Nothing
// waits on the outbox: a job is done as soon as the chain has settled it,
// however long a worker takes to answer, so one member that accepts the
// connection and never answers costs one slot for one timeout per try, not
// the job and not the workers after it. The outbox is kept in the store's
// meta, so a coordinator restarted mid-delivery goes on with it. A worker
// away for all the tries asks for its claim itself (claimpull.go).

// DeliveryConfig bounds how claims and receipts reach the workers.
type DeliveryConfig struct {
	// Timeout bounds one push to a worker: connecting, sending and its
	// answer. A message is a few kilobytes, so an honest worker answers in
	// well under a second.
	Timeout time.Duration
	// Attempts is how many times one message is tried before the outbox
	// gives up on it: the worker can still pull its claim, and a receipt
	// it missed is covered by the next one or by its claim.
	Attempts int
	// Parallel is how many pushes run at once.
	Parallel int
	// PullInterval is how often a worker asks its coordinators for the
	// claims of settled jobs it rendered for and never received; 0 turns
	// the asking off.
	PullInterval time.Duration
	// PayClaims makes a coordinator submit its workers' claims itself
	// right after settling (the escrow's claimFor), paying their gas, so
	// a worker whose key holds no Ether is paid (claimfor.go).
	PayClaims bool
	// ClaimWait is how long a worker leaves a coordinator that said it
	// pays a claim before claiming itself (with its own Ether).
	ClaimWait time.Duration
}

// DefaultDeliveryConfig tries each message for about half an hour
// (back-off 1 s doubling to 10 min), 8 at a time, and pulls every minute;
// coordinators pay their workers' claims, and workers leave them 10 min to.
func DefaultDeliveryConfig() DeliveryConfig {
	return DeliveryConfig{Timeout: 10 * time.Second, Attempts: 12, Parallel: 8, PullInterval: time.Minute,
		PayClaims: true, ClaimWait: 10 * time.Minute}
}

// The worker RPC routes the outbox posts to.
const (
	rpcClaims   = "/rpc/v1/claims"
	rpcReceipts = "/rpc/v1/receipts"
)

// deliveriesKey is where the outbox is kept in the store's meta.
const deliveriesKey = "deliveries"

// delivery is one message owed to one worker.
type delivery struct {
	Path     string          `json:"path"`   // rpcClaims or rpcReceipts
	Job      string          `json:"job"`    // the farm's job id, for the log
	Escrow   string          `json:"escrow"` // the job's escrow id
	Worker   string          `json:"worker"` // the worker's address: its member is looked up by it at each try, as it may come back elsewhere
	Body     json.RawMessage `json:"body"`
	Attempts int             `json:"attempts,omitempty"`
	NextTry  time.Time       `json:"next_try,omitzero"`
	Error    string          `json:"error,omitempty"`
	// URL, for a job notification (notify.go), is the requester's notify
	// URL, and Event the event's number in the job's log; Path and
	// Worker are then unset.
	URL   string `json:"url,omitempty"`
	Event int    `json:"event,omitempty"`
	// Tasks, for a receipt, is how many tasks it covers in all.
	Tasks uint64 `json:"tasks,omitempty"`

	seq    uint64 // which version of the message this is (a newer receipt replaces an older)
	onDone func() // called once this version is delivered (not kept: after a restart, set again by onReceiptDone)
}

// key names the message a newer one of the same kind replaces: a worker's
// latest receipt in a job covers every earlier one.
func (d *delivery) key() string {
	if d.URL != "" {
		return "notify " + d.Job + " " + strconv.Itoa(d.Event) // each event is its own message
	}
	return d.Path + " " + d.Escrow + " " + strings.ToLower(d.Worker)
}

// outbox pushes deliveries to workers (see Deliveries above).
type outbox struct {
	cfg     DeliveryConfig
	hc      *http.Client
	store   *store.Store
	members func() []api.Member // set once the node has joined
	log     *slog.Logger
	now     func() time.Time

	mu       sync.Mutex
	pending  map[string]*delivery
	inflight map[string]bool
	seq      uint64
	wake     chan struct{}
	// ident signs notifications, which notifyHC posts (notify.go).
	ident    *rpc.Identity
	notifyHC *http.Client
	// pulls guards the claim pulls this node answers (claimpull.go)
	// against replays.
	pulls *rpc.ReplayGuard
}

func newOutbox(cfg DeliveryConfig, st *store.Store, log *slog.Logger, now func() time.Time) *outbox {
	if now == nil {
		now = time.Now
	}
	return &outbox{
		cfg: cfg, store: st, log: log, now: now,
		// A whole-client timeout fits: a message is small and its answer
		// immediate (the worker checks it and queues its own chain work).
		hc:      &http.Client{Timeout: cfg.Timeout},
		pending: make(map[string]*delivery), inflight: make(map[string]bool),
		wake: make(chan struct{}, 1), pulls: rpc.NewReplayGuard(2 * time.Minute),
	}
}

// load reads what a previous run left undelivered.
func (o *outbox) load() error {
	b := o.store.Meta(deliveriesKey)
	if len(b) == 0 {
		return nil
	}
	var ds []*delivery
	if err := json.Unmarshal(b, &ds); err != nil {
		return fmt.Errorf("stored deliveries are corrupt: %w", err)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, d := range ds {
		o.seq++
		d.seq = o.seq
		o.pending[d.key()] = d
	}
	return nil
}

// add queues body for worker at path, replacing an older message of the
// same key; onDone (may be nil) runs once this one is delivered.
func (o *outbox) add(path, job, escrow, worker string, body any, onDone func()) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	return o.queue(&delivery{Path: path, Job: job, Escrow: escrow, Worker: worker, Body: b, onDone: onDone})
}

// addReceipt queues a worker's receipt m of job, replacing a pending one
// that covers fewer tasks; onDone (may be nil) runs once it is delivered.
func (o *outbox) addReceipt(job string, m api.Receipt, onDone func()) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return o.queue(&delivery{Path: rpcReceipts, Job: job, Escrow: m.JobID, Worker: m.Worker, Body: b, Tasks: m.Tasks, onDone: onDone})
}

// pendingReceipt is the receipt of job escrow for worker still waiting to
// be delivered, if any.
func (o *outbox) pendingReceipt(escrow, worker string) (api.Receipt, bool) {
	o.mu.Lock()
	d := o.pending[(&delivery{Path: rpcReceipts, Escrow: escrow, Worker: worker}).key()]
	o.mu.Unlock()
	var m api.Receipt
	if d == nil || json.Unmarshal(d.Body, &m) != nil {
		return api.Receipt{}, false
	}
	return m, true
}

// onReceiptDone has fn run once the pending receipt of job escrow for
// worker, if it covers tasks, is delivered: a message kept over a restart
// has nobody waiting for it (delivery.onDone) until it is given one.
func (o *outbox) onReceiptDone(escrow, worker string, tasks uint64, fn func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if d := o.pending[(&delivery{Path: rpcReceipts, Escrow: escrow, Worker: worker}).key()]; d != nil && d.Tasks == tasks {
		d.onDone = fn
	}
}

// queue adds d, replacing an older message of the same key (but not a
// pending receipt that covers more tasks than d).
func (o *outbox) queue(d *delivery) error {
	o.mu.Lock()
	if cur := o.pending[d.key()]; cur != nil && cur.Tasks > d.Tasks {
		// Receipts are signed in order but queued as their records
		// are written, in any order: one a restart issues for each
		// task it finds unreceipted came in reverse at times, and the
		// worker got only the one covering fewer tasks.
		o.mu.Unlock()
		return nil
	}
	o.seq++
	d.seq = o.seq
	o.pending[d.key()] = d
	o.saveLocked()
	o.mu.Unlock()
	o.wakeUp()
	return nil
}

// waiting is how many messages are not delivered yet.
func (o *outbox) waiting() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.pending)
}

func (o *outbox) wakeUp() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// saveLocked keeps the outbox; o.mu must be held. PutMeta only queues the
// write, so the lock is not held over the disk.
func (o *outbox) saveLocked() {
	ds := make([]*delivery, 0, len(o.pending))
	for _, d := range o.pending {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b *delivery) int { return cmp.Compare(a.seq, b.seq) })
	b, _ := json.Marshal(ds)
	o.store.PutMeta(deliveriesKey, b)
}

// run pushes what is due until ctx ends, and waits for the pushes it
// started.
func (o *outbox) run(ctx context.Context) {
	slots := make(chan struct{}, max(1, o.cfg.Parallel))
	var sends sync.WaitGroup
	defer sends.Wait()
	for {
		next := o.startDue(ctx, slots, &sends)
		var timer <-chan time.Time
		var t *time.Timer
		if !next.IsZero() {
			t = time.NewTimer(max(next.Sub(o.now()), time.Millisecond))
			timer = t.C
		}
		select {
		case <-ctx.Done():
		case <-o.wake: // a message was queued, or a push ended and freed its slot
		case <-timer:
		}
		if t != nil {
			t.Stop()
		}
		if ctx.Err() != nil {
			return
		}
	}
}

// startDue starts a push of each due message while slots last, and
// returns when the next one not started falls due (zero: none waits).
func (o *outbox) startDue(ctx context.Context, slots chan struct{}, sends *sync.WaitGroup) time.Time {
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.now()
	var next time.Time
	ds := make([]*delivery, 0, len(o.pending))
	for _, d := range o.pending {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b *delivery) int { return a.NextTry.Compare(b.NextTry) }) // oldest due first
	for _, d := range ds {
		k := d.key()
		if o.inflight[k] {
			continue
		}
		if d.NextTry.After(now) {
			if next.IsZero() || d.NextTry.Before(next) {
				next = d.NextTry
			}
			continue
		}
		select {
		case slots <- struct{}{}:
		default:
			return time.Time{} // every slot busy: a push that ends wakes the loop
		}
		o.inflight[k] = true
		sends.Add(1)
		go func() {
			defer sends.Done()
			defer func() { <-slots; o.wakeUp() }()
			o.finish(ctx, d, o.push(ctx, d))
		}()
	}
	return next
}

// errPermanent marks a refusal that trying again will not change.
var errPermanent = errors.New("refused")

// push posts d to its worker once.
func (o *outbox) push(ctx context.Context, d *delivery) error {
	target, err := o.target(d)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, o.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(string(d.Body)))
	if err != nil {
		return fmt.Errorf("%w: %w", errPermanent, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if d.URL != "" {
		return o.pushNotify(req, d)
	}
	resp, err := o.hc.Do(req)
	if err != nil {
		return err
	}
	return answerOf(resp)
}

// target is the URL d goes to now: a notification's own, or the route
// of its worker's current RPC address.
func (o *outbox) target(d *delivery) (string, error) {
	if d.URL != "" {
		return d.URL, nil
	}
	url := ""
	if o.members != nil {
		for _, m := range o.members() {
			if strings.EqualFold(m.Addr, d.Worker) {
				url = m.API
			}
		}
	}
	if url == "" {
		return "", fmt.Errorf("worker %s is not a member now", d.Worker)
	}
	return rpcaddr.Join(url, d.Path) // on error, the member may advertise a good address later
}

// answerOf reads a push's answer: nil when taken, errPermanent when the
// receiver read it and said no.
func answerOf(resp *http.Response) error {
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests:
		// The receiver read it and said no (not its address, not on a
		// chain, a proof it finds wrong): the same bytes get the same no.
		return fmt.Errorf("%w: %s: %s", errPermanent, resp.Status, api.ReadError(resp.Body))
	}
	return fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
}

// deliveryBackoff is the wait after the attempts'th failed push.
func deliveryBackoff(attempts int) time.Duration {
	return min(time.Second<<min(attempts-1, 10), 10*time.Minute)
}

// finish records the outcome of pushing d.
func (o *outbox) finish(ctx context.Context, d *delivery, err error) {
	o.mu.Lock()
	k := d.key()
	delete(o.inflight, k)
	cur := o.pending[k]
	if cur == nil || cur.seq != d.seq {
		o.mu.Unlock() // replaced while in flight: the newer one goes next
		return
	}
	switch {
	case err == nil:
		delete(o.pending, k)
	case ctx.Err() != nil:
		o.mu.Unlock()
		return // the node is stopping: kept as it was, sent after the restart
	default:
		d.Attempts++
		d.Error = err.Error()
		d.NextTry = o.now().Add(deliveryBackoff(d.Attempts))
		if errors.Is(err, errPermanent) || d.Attempts >= o.cfg.Attempts {
			delete(o.pending, k)
			if d.URL != "" {
				o.log.Warn("gave up posting a job notification", "job", d.Job, "url", d.URL, "event", d.Event, "attempts", d.Attempts, "err", err)
			} else {
				o.log.Warn("gave up handing a message to a worker: it can ask for its claim, and its receipts stay in this node's store",
					"job", d.Job, "worker", d.Worker, "what", d.Path, "attempts", d.Attempts, "err", err)
			}
		}
	}
	o.saveLocked()
	onDone := d.onDone // set under o.mu (onReceiptDone)
	o.mu.Unlock()
	if err == nil && onDone != nil {
		onDone()
	}
	if err != nil {
		o.log.Debug("hand message to worker", "job", d.Job, "worker", d.Worker, "what", d.Path, "err", err)
	}
}
