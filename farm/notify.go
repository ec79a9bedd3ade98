package farm

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/notifyurl"
)

// Notifications. A requester may give a notify URL with a job (submit
// ?notify_url=): the coordinator posts the job's ends (done, failed,
// cancelled), its settlement, and its pauses and resumes there as JSON
// (api.Notification), signed with the node's key so the receiver can
// check who sent them. The URL is not part of the spec, so it changes
// neither the job's id nor its escrow; it is kept beside the job in the
// store's meta. Posts go through the outbox (delivery.go): kept in the
// store, retried with a growing back-off, and sent after a restart.

// NotifyConfig says where the node may post job notifications.
type NotifyConfig struct {
	// AllowPrivate lets notify URLs lead to loopback, private and
	// link-local addresses (a receiver on the studio's own network). Off,
	// a client cannot make the node post to the machine's own services or
	// its network's (notifyurl).
	AllowPrivate bool
}

// notifyPrefix keys a job's notify URL in the store's meta.
const notifyPrefix = "notify/"

// webhooks holds the jobs' notify URLs; the zero value is ready.
type webhooks struct {
	mu   sync.Mutex
	urls map[string]string // job id -> notify URL
}

func (w *webhooks) get(id string) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.urls[id]
}

func (w *webhooks) drop(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.urls, id)
}

func (w *webhooks) set(id, u string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.urls == nil {
		w.urls = make(map[string]string)
	}
	w.urls[id] = u
}

// loadWebhooks reads the notify URLs a previous run kept.
func (c *coordinator) loadWebhooks() {
	for _, k := range c.store.MetaKeys(notifyPrefix) {
		c.hooks.set(k[len(notifyPrefix):], string(c.store.Meta(k)))
	}
}

// watchJob keeps u as job id's notify URL, on disk before the job is
// submitted, so no event of the job can miss it; "" keeps what there is.
func (c *coordinator) watchJob(id, u string) error {
	if u == "" {
		return nil
	}
	if err := <-c.store.PutMeta(notifyPrefix+id, []byte(u)); err != nil {
		return fmt.Errorf("record notify URL: %w", err)
	}
	c.hooks.set(id, u)
	return nil
}

// unwatchRefused drops the notify URL of a submission that was refused,
// unless the job exists (an earlier submission of the same spec): a later
// submission without a URL must not inherit it.
func (c *coordinator) unwatchRefused(id string) {
	c.mu.Lock()
	_, known := c.jobs[id]
	c.mu.Unlock()
	if known || c.store.Has(id) || c.hooks.get(id) == "" {
		return
	}
	c.hooks.drop(id)
	c.store.DeleteMeta(notifyPrefix + id)
}

// notifyKind names the notification an event makes, or "" for none.
func notifyKind(e api.Event) string {
	switch e.Type {
	case api.EventFinished:
		return string(e.State)
	case api.EventSettled, api.EventPaused, api.EventResumed:
		return string(e.Type)
	}
	return ""
}

// notifyEvent queues event e of job j for the job's notify URL, if it
// has one; c.mu must be held (the outbox only queues).
func (c *coordinator) notifyEvent(j *job, e api.Event) {
	kind := notifyKind(e)
	if kind == "" {
		return
	}
	if kind == string(api.JobDone) && j.failedTasks > 0 {
		kind = "partial" // done without some frames (partial.go): the receiver may requeue them
	}
	u := c.hooks.get(j.id)
	if u == "" {
		return
	}
	note := api.Notification{
		ID: j.id + "/" + strconv.Itoa(e.Seq), Job: j.id, Event: kind, State: e.State, Time: e.Time,
		Message: e.Message, Done: e.Done, Total: e.Total,
	}
	if err := c.outbox.addNotify(u, j.id, e.Seq, note); err != nil {
		c.log.Error("queue notification", "job", j.id, "err", err)
	}
	if e.Type == api.EventFinished && (j.state != api.JobDone || c.chain != nil) {
		// Nothing follows such an end: the URL lives on in the queued
		// post (the store's writes land in order), not beside the job.
		// A done job off a chain keeps it, since a requeue (partial.go)
		// runs it again and ends it once more.
		c.hooks.drop(j.id)
		c.store.DeleteMeta(notifyPrefix + j.id)
	}
}

// notifyURL reads and checks a submission's ?notify_url=.
func (n *Node) notifyURL(r *http.Request) (string, error) {
	u := r.URL.Query().Get("notify_url")
	if u == "" {
		return "", nil
	}
	u, err := notifyurl.Parse(u, n.cfg.Notify.AllowPrivate)
	if err != nil {
		return "", fmt.Errorf("%w: notify_url: %w", api.ErrBadJob, err)
	}
	return u, nil
}

// pushNotify posts notification d to its URL once, signed.
func (o *outbox) pushNotify(req *http.Request, d *delivery) error {
	ms := strconv.FormatInt(o.now().UnixMilli(), 10)
	sig, err := o.ident.Sign(api.NotifyMessage(ms, d.Body))
	if err != nil {
		return fmt.Errorf("%w: sign: %w", errPermanent, err)
	}
	req.Header.Set(api.HeaderNotifySigner, o.ident.Address().Hex())
	req.Header.Set(api.HeaderNotifyTime, ms)
	req.Header.Set(api.HeaderNotifySignature, sig)
	resp, err := o.notifyHC.Do(req)
	if errors.Is(err, notifyurl.ErrBad) {
		return fmt.Errorf("%w: %w", errPermanent, err) // the name leads somewhere the node may not post
	}
	if err != nil {
		return err
	}
	return answerOf(resp)
}

// addNotify queues notification body for u, as event seq of job.
func (o *outbox) addNotify(u, job string, seq int, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	return o.queue(&delivery{URL: u, Job: job, Event: seq, Body: b})
}
