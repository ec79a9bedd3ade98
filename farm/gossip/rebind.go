package gossip

import (
	"errors"
	"fmt"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/hashicorp/memberlist"
)

// list is the node's memberlist now.
func (c *Cluster) list() *memberlist.Memberlist {
	c.mlMu.RLock()
	defer c.mlMu.RUnlock()
	return c.ml
}

// Rebind moves the node's gossip to transport t, advertising meta, and
// joins the cluster again through join: a node behind NAT whose gateway
// is gone gossips through a new one, at a new address. memberlist cannot
// change a live member's address, so the node leaves with its old
// memberlist (its leave goes out over t: the old transport is gone) and
// joins with a new one under the same name: a member that left may come
// back at another address at once, while one that is still alive or only
// suspected may not (a dead one may, since Join sets DeadNodeReclaimTime,
// but only after the others' failure detection and their next push-pull).
func (c *Cluster) Rebind(t memberlist.Transport, meta api.NodeMeta, join []string) error {
	b, err := encodeMeta(meta)
	if err != nil {
		return err
	}
	mc := c.mc
	mc.Transport = t
	c.mlMu.Lock()
	if c.stopped {
		c.mlMu.Unlock()
		return errors.New("gossip stopped: the node is closing")
	}
	c.ml.Leave(time.Second)
	c.ml.Shutdown()
	c.mu.Lock()
	c.meta = b
	// The new memberlist tells of every live member again as it learns
	// of them; one that died meanwhile would never be taken out.
	clear(c.live)
	c.mu.Unlock()
	ml, err := memberlist.Create(&mc)
	if err != nil {
		c.mlMu.Unlock()
		return fmt.Errorf("restart gossip: %w", err)
	}
	c.ml = ml
	c.mlMu.Unlock()
	if _, err := ml.Join(join); err != nil {
		return fmt.Errorf("rejoin cluster through %v: %w", join, err)
	}
	return nil
}

// Announced pulls the members' state from join (pushing this node's) and
// says whether every one of them that answered lists this node at its own
// address: after Rebind, a member that got the new address before it had
// the old one's leave refused it, and takes it at a later push.
func (c *Cluster) Announced(join []string) bool {
	ml := c.list()
	self := ml.LocalNode().Address()
	c.mu.Lock()
	c.selfAddr, c.selfSeen, c.selfStale = self, false, false
	c.mu.Unlock()
	if _, err := ml.Join(join); err != nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.selfSeen && !c.selfStale
}

// merge sees the states members push to this node, to tell whether they
// list it at its own address.
type merge struct{ c *Cluster }

// NotifyMerge accepts every merge; it only looks.
func (m merge) NotifyMerge(peers []*memberlist.Node) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	for _, p := range peers {
		if p.Name != m.c.mc.Name || m.c.selfAddr == "" {
			continue
		}
		if p.Address() == m.c.selfAddr {
			m.c.selfSeen = true
		} else {
			m.c.selfStale = true
		}
	}
	return nil
}
