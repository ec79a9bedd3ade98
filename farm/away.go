package farm

import (
	"context"
	"net/http"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/availability"
)

// A node takes leases only while its owner lets it (NodeConfig.Availability:
// always, idle, schedule; a pause by hand over the client API). When it
// becomes unavailable it refuses new leases at once, gossips why (so
// coordinators stop trying it), and hands back the leases that will not end
// within NodeConfig.Grace (release.go).

// pausedKey keeps a pause by hand in the store's meta, so a restarted node
// stays paused until its owner resumes it.
const pausedKey = "node-paused"

// startAvailability makes the node's monitor, paused when it was paused
// before it stopped, and returns why the node is away at start ("" when it
// takes leases).
func (n *Node) startAvailability(ctx context.Context) string {
	n.avail = availability.New(n.cfg.Availability)
	if string(n.store.Meta(pausedKey)) == "1" {
		n.avail.SetPaused(true)
	}
	s := n.avail.Check(ctx)
	why := awayReason(s)
	n.work.setAway(why)
	if why != "" {
		n.cfg.Logger.Info("not taking leases", "why", why)
	}
	return why
}

// awayReason is s's reason when it is unavailable, else "".
func awayReason(s availability.State) string {
	if s.Available {
		return ""
	}
	return s.Reason
}

// watchAvailability follows the owner's use of the machine until ctx ends.
// While the node is away it looks at its leases at every check: one it
// kept to finish within its grace is handed back once the grace is spent.
func (n *Node) watchAvailability(ctx context.Context) {
	tick := time.NewTicker(n.avail.Config().Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		n.applyAvailability(ctx, n.avail.Check(ctx))
	}
}

// applyAvailability makes state s the node's: it refuses or takes leases,
// tells the cluster when that changed, and hands leases back while away.
func (n *Node) applyAvailability(ctx context.Context, s availability.State) {
	n.availMu.Lock()
	defer n.availMu.Unlock()
	why := awayReason(s)
	n.work.setAway(why)
	n.changeMeta("availability", func(m *api.NodeMeta) bool {
		if m.Away == why {
			return false
		}
		m.Away = why
		if why == "" {
			n.cfg.Logger.Info("taking leases again")
		} else {
			n.cfg.Logger.Info("not taking leases", "why", why)
		}
		return true
	})
	if why != "" {
		if k := n.work.releaseLeases(ctx, n.cfg.Grace, why); k > 0 {
			n.cfg.Logger.Info("handed leases back", "leases", k, "why", why)
		}
	}
}

// setAway makes the worker refuse new leases with why ("" takes them).
func (w *worker) setAway(why string) {
	if why == "" {
		w.away.Store(nil)
		return
	}
	w.away.Store(&why)
}

// Availability is whether the node takes leases now, and why not.
func (n *Node) Availability() api.Availability {
	s, c := n.avail.State(), n.cfg.Availability
	a := api.Availability{
		Available: s.Available, Reason: s.Reason,
		Mode: c.Mode.String(), Paused: string(n.store.Meta(pausedKey)) == "1",
		Caps: api.NodeCaps{
			Slots: n.cfg.Slots, Threads: n.cfg.Threads,
			RenderMemoryBytes: n.cfg.RenderMemory, Sandboxed: n.cfg.Sandboxed, GPUs: n.cfg.GPUs,
			CacheBytes: n.cfg.CacheBytes, UploadLimit: n.cfg.UploadLimit, DownloadLimit: n.cfg.DownloadLimit,
		},
	}
	if c.Mode.Schedule {
		a.Schedule = c.Schedule.String()
	}
	if c.Mode.Idle {
		a.IdleCPU, a.IdleAfterSeconds = c.IdleCPU, c.IdleAfter.Seconds()
	}
	return a
}

// SetPaused pauses the node by its owner's hand (or resumes it): kept in
// the store before it takes effect, so a restart keeps it.
func (n *Node) SetPaused(ctx context.Context, paused bool) (api.Availability, error) {
	v := "0"
	if paused {
		v = "1"
	}
	if err := <-n.store.PutMeta(pausedKey, []byte(v)); err != nil {
		return api.Availability{}, err
	}
	n.applyAvailability(ctx, n.avail.SetPaused(paused))
	return n.Availability(), nil
}

func (n *Node) getAvailability(rw http.ResponseWriter, r *http.Request) {
	writeJSON(rw, n.Availability())
}

func (n *Node) postNodePause(rw http.ResponseWriter, r *http.Request) {
	n.pauseNode(rw, r, true)
}

func (n *Node) postNodeResume(rw http.ResponseWriter, r *http.Request) {
	n.pauseNode(rw, r, false)
}

func (n *Node) pauseNode(rw http.ResponseWriter, r *http.Request, paused bool) {
	a, err := n.SetPaused(r.Context(), paused)
	if err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	writeJSON(rw, a)
}
