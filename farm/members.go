package farm

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/conun/conun/renderer"
)

// A node remembers the gossip addresses of the members it has seen, so a
// node restarted without --join (a restarted seed above all, which others
// joined through and which itself joined nobody) finds its way back to the
// cluster instead of forming one of its own.

// membersFile is where the addresses are kept, in the node's data folder.
const membersFile = "members.json"

// rememberEvery is how often the view is compared with what is written
// down (a write happens only when it changed).
const rememberEvery = 2 * time.Second

// rememberedMembers returns the gossip addresses kept in dir (none when
// there is no file or it does not parse: the node then starts alone).
func rememberedMembers(dir string) []string {
	b, err := os.ReadFile(filepath.Join(dir, membersFile))
	if err != nil {
		return nil
	}
	var addrs []string
	if json.Unmarshal(b, &addrs) != nil {
		return nil
	}
	return addrs
}

// rememberAtLeast is how often a view that keeps changing is written down
// all the same: while hundreds of members join, every node's view changes
// at every look, and writing each one was a twentieth of a forming
// cluster's CPU.
const rememberAtLeast = time.Minute

// rememberMembers writes down the other members' gossip addresses now and
// then, until ctx ends: a view that changed once it held still for a look
// (or rememberAtLeast after the last write); an empty view (the node
// alone) keeps what was written before, so a node that lost the others
// still knows where to look.
func (n *Node) rememberMembers(ctx context.Context) {
	t := time.NewTicker(rememberEvery)
	defer t.Stop()
	var last, prev []string
	var wrote time.Time
	// done is the cluster's change count when what is written was last
	// found current: until it moves there is nothing to look at. Copying
	// and sorting the members every 2 s on each of 200 in-process nodes
	// was a sixth of the cluster's CPU.
	var done uint64
	looked := false
	for {
		if v := n.cluster.Changes(); !looked || v != done {
			addrs := n.otherAddrs()
			settled := slices.Equal(addrs, prev) || time.Since(wrote) >= rememberAtLeast
			prev = addrs
			if len(addrs) > 0 && settled && !slices.Equal(addrs, last) {
				err := renderer.WriteDurable(filepath.Join(n.cfg.DataDir, membersFile), func(w io.Writer) error {
					return json.NewEncoder(w).Encode(addrs)
				})
				if err != nil {
					n.cfg.Logger.Warn("remember members", "err", err)
				} else {
					last, wrote = addrs, time.Now()
				}
			}
			if len(addrs) > 0 && slices.Equal(addrs, last) {
				done, looked = v, true
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// otherAddrs returns the gossip addresses of the members other than the
// node itself, sorted.
func (n *Node) otherAddrs() []string {
	var addrs []string
	self := n.GossipAddr()
	for _, m := range n.cluster.Members() {
		if m.Gossip != self {
			addrs = append(addrs, m.Gossip)
		}
	}
	slices.Sort(addrs)
	return addrs
}

// rejoin joins the remembered members of a node started without any to
// join, retrying with backoff while none answers (they may be restarting
// too) until one does or the node stops.
func (n *Node) rejoin(ctx context.Context, addrs []string) {
	wait := time.Second
	for {
		joined, err := n.cluster.Join(addrs)
		if err == nil && joined > 0 {
			n.cfg.Logger.Info("rejoined the cluster", "members", joined)
			return
		}
		n.cfg.Logger.Warn("rejoin remembered members", "addrs", addrs, "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}
