// Package gossip is a node's membership in the cluster: memberlist with the
// node's metadata, and the live members as its events describe them.
package gossip

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/hashicorp/go-sockaddr"
	"github.com/hashicorp/memberlist"
)

// encodeMeta returns the meta's JSON, or an error if it exceeds
// memberlist's limit.
func encodeMeta(m api.NodeMeta) ([]byte, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	if len(b) > memberlist.MetaMaxSize {
		return nil, fmt.Errorf("node metadata is %d bytes, over memberlist's %d-byte limit", len(b), memberlist.MetaMaxSize)
	}
	return b, nil
}

// Config configures the gossip layer.
type Config struct {
	// Name is the node's unique name in the cluster.
	Name string
	// BindAddr and BindPort are where memberlist listens; port 0 picks one.
	BindAddr string
	BindPort int
	// AdvertiseAddr is the IP other members are told to reach this node
	// at; empty means AdvertiseIP's choice.
	AdvertiseAddr string
	// Join lists gossip addresses (host:port) of members to join through.
	Join []string
	// WAN picks memberlist's timing for members across the internet
	// (slower probes, more patience before declaring a member dead); the
	// default is its LAN timing.
	WAN bool
	// Fast shortens failure detection to about a second, for tests and the
	// in-process demo; the default is memberlist's LAN timing.
	Fast bool
	// Crowd, with Fast, is how many nodes share this process (an
	// in-process test cluster): past crowdFree, probes wait for acks, and
	// are sent, proportionally less often. 0 is one.
	Crowd int
	// SecretKey, when set (16, 24 or 32 bytes), encrypts gossip: private
	// clusters share it, and a node without it cannot join.
	SecretKey []byte
	// Logger receives memberlist's log; nil discards it.
	Logger *log.Logger
	// Transport, when set, carries gossip instead of memberlist's own UDP
	// and TCP sockets (a node behind NAT gossips through its gateway) and
	// decides the advertised address.
	Transport memberlist.Transport
	// Refused is told, once per member and metadata, of a member ignored
	// because its metadata is not valid (an RPC address that is not a host
	// and port: rpcaddr); nil logs it to Logger.
	Refused func(name, addr string, err error)
	// Changed is told the name of each member that joined or changed its
	// metadata, on memberlist's goroutine under its lock: it must return
	// quickly and not call back into the cluster. nil ignores it.
	Changed func(name string)
	// Messages receives each message a member broadcast (a copy), on
	// memberlist's goroutine: it must return quickly. nil ignores them.
	Messages func(msg []byte)

	// noPushPull turns memberlist's periodic full state sync off, for
	// tests that show what gossip broadcasts alone carry.
	noPushPull bool
}

// MaxMessageBytes bounds a broadcast: messages ride on gossip's UDP
// packets, so they name things (a hash, a URL), never carry them.
const MaxMessageBytes = 1024

// retransmitMult is how many times (times log of the cluster's size) a
// broadcast is sent on: enough that every member hears it.
const retransmitMult = 4

// fastRetransmitMult is memberlist's RetransmitMult for fast timing: each
// member passes a rumour on RetransmitMult*ceil(log10(N+1)) times, so a
// member misses it with odds of about e^-that. The local preset's 2 (6
// sends at 200 nodes) left about one member in 200 without each new
// member's alive message, in batches (a packet carries a whole wave's),
// until a full state sync 48 s later; 6 (18 sends) leaves about one rumour
// in 300,000 short of a member.
const fastRetransmitMult = 6

// crowdFree is how many in-process nodes the fast timing holds without
// stretching its probes (Config.Crowd): 50 formed with no false deaths on a
// 2-core machine under load 15.
const crowdFree = 50

// loopbackPacket is the gossip packet size of fast (in-process) clusters on
// loopback: well under a loopback datagram's 64 KiB, and under the tunnel's
// packet bound, with room for encryption and a label.
const loopbackPacket = 32 << 10

// Cluster is a node's membership in the gossip cluster.
type Cluster struct {
	mlMu sync.RWMutex // guards ml, replaced by Rebind, and stopped
	// stopped is set by Leave and Kill: Rebind then has nothing to move.
	stopped bool
	ml      *memberlist.Memberlist
	mc      memberlist.Config // what ml was made with, for Rebind
	onLeft  func(name string)
	// changed is Config.Changed.
	changed func(name string)
	// messages receives broadcasts; queue holds this node's own until
	// gossip has carried them on often enough.
	messages func(msg []byte)
	queue    *memberlist.TransmitLimitedQueue

	mu   sync.Mutex
	meta []byte
	// selfSeen and selfStale record whether the members' states pushed to
	// this node since Announced began listed it at its own address
	// (selfAddr), or at another.
	selfAddr            string
	selfSeen, selfStale bool
	// live are the members as memberlist's events last described them,
	// copied while memberlist holds its lock: the nodes its Members
	// returns are its own structs, rewritten by every alive message, so
	// reading them later races with gossip.
	live map[string]api.Member
	// sorted is live as Members returns it, made again only after live
	// changed: every coordinator asks several times a second, and sorting
	// hundreds of members each time was a large share of a big test
	// cluster's CPU.
	sorted []api.Member
	// changes counts the changes to live (Changes).
	changes uint64
	// gone are members that left or were declared dead, with when, kept
	// for GoneFor (at most maxGone) so a listing across the cluster can
	// say a coordinator is not answering instead of forgetting its jobs.
	gone map[string]goneMember
	// refused logs members ignored for their metadata.
	refused refusals
}

// Join starts memberlist with the node's metadata and joins the
// members in cfg.Join. onLeft is called (from memberlist's goroutine) when a
// member leaves or is declared dead.
func Join(cfg Config, meta api.NodeMeta, onLeft func(name string)) (*Cluster, error) {
	b, err := encodeMeta(meta)
	if err != nil {
		return nil, err
	}
	c := &Cluster{meta: b, onLeft: onLeft, changed: cfg.Changed, messages: cfg.Messages, live: make(map[string]api.Member), gone: make(map[string]goneMember)}
	c.refused.report = reporter(cfg)
	c.queue = &memberlist.TransmitLimitedQueue{NumNodes: c.numLive, RetransmitMult: retransmitMult}
	mc := memberlist.DefaultLANConfig()
	if cfg.WAN {
		mc = memberlist.DefaultWANConfig()
	}
	if cfg.Fast {
		mc = memberlist.DefaultLocalConfig()
		// Fast enough that a test sees a killed node declared dead within
		// a few seconds, slow enough not to flap where a test process
		// holds hundreds of nodes on a loaded 2-core machine: a 100 ms
		// probe timeout and a 50 ms gossip tick declared 50 honest
		// in-process nodes dead 2,200 times in 30 s (a goroutine there
		// waits longer than 100 ms for a core), and a 1 s TCP timeout
		// failed joins through a busy seed's full-state sync.
		mc.ProbeInterval = 500 * time.Millisecond
		mc.ProbeTimeout = 250 * time.Millisecond
		if cfg.Crowd > crowdFree {
			// Every node of the process answers its probes from the same
			// two cores: an ack waits behind the work of all the others,
			// so the patience grows with them (and the probes, fewer, add
			// less to that work). With the fixed 250 ms, 100 nodes
			// declared each other dead 18,000 times while starting.
			scale := time.Duration(cfg.Crowd) / crowdFree
			mc.ProbeInterval *= scale
			mc.ProbeTimeout *= scale
		}
		mc.SuspicionMult = 3
		mc.RetransmitMult = fastRetransmitMult
		mc.GossipInterval = 100 * time.Millisecond
		mc.TCPTimeout = 10 * time.Second
		// Loopback has bandwidth to spare; compressing every gossip packet
		// (a fresh LZW table each) was the largest cost of 80 in-process
		// nodes.
		mc.EnableCompression = false
		// Loopback loses no UDP: a probe that failed did so for want of
		// a core, and a TCP ping on top (a connection and a goroutine
		// each) only deepens the overload that made it fail.
		mc.DisableTcpPings = true
		// A member that was frozen or cut off past its death learns of it
		// (and refutes it) only by a full state sync: every few seconds
		// rather than the local preset's 15 s, so a thawed node is back
		// soon even on a loaded machine.
		mc.PushPullInterval = 3 * time.Second
		if cfg.Crowd > crowdFree {
			// A full state sync of 200 members, decoded and merged on
			// both sides, is the largest piece of work a member does; 200
			// of them syncing every 12 s (memberlist stretches the 3 s
			// for the cluster's size) kept the process's cores so busy
			// that half the probes' acks came too late.
			mc.PushPullInterval *= time.Duration(cfg.Crowd) / crowdFree
		}
		if ip := net.ParseIP(cfg.BindAddr); ip != nil && ip.IsLoopback() {
			// A loopback datagram may be 64 KiB, unfragmented: one gossip
			// packet then carries every queued broadcast rather than the
			// three or four alive messages a 1,400-byte LAN packet holds.
			// 200 nodes starting queue 200 alive messages on every
			// member; four at a time, they took over ten seconds to spread.
			mc.UDPBufferSize = loopbackPacket
			// Such a packet holds a hundred messages, all queued at once
			// for the member's handler: at memberlist's 1,024, 200 nodes
			// starting overflowed the queue 13,000 times, and a dropped
			// suspicion is one its target never refutes.
			mc.HandoffQueueDepth = 16 << 10
		}
	}
	if cfg.noPushPull {
		mc.PushPullInterval = 0
	}
	mc.Name = cfg.Name
	mc.BindAddr = cfg.BindAddr
	mc.BindPort = cfg.BindPort
	mc.AdvertisePort = cfg.BindPort
	if mc.AdvertiseAddr, err = AdvertiseIP(cfg); err != nil {
		return nil, err
	}
	if len(cfg.SecretKey) > 0 {
		switch len(cfg.SecretKey) {
		case 16, 24, 32:
		default:
			return nil, fmt.Errorf("gossip key is %d bytes: want 16, 24 or 32", len(cfg.SecretKey))
		}
		mc.SecretKey = cfg.SecretKey
	}
	if cfg.Transport != nil {
		mc.Transport = cfg.Transport
	}
	mc.Delegate = delegate{c}
	mc.Merge = merge{c}
	mc.Events = events{c}
	mc.Alive = visitors{new(metaVerdicts)}
	if cfg.Logger != nil {
		mc.Logger = cfg.Logger
	} else {
		mc.LogOutput = io.Discard
	}
	// A node behind NAT that moves to another gateway comes back at a new
	// address once the old one is declared dead: accept it then, rather
	// than after memberlist's default wait for the dead to be forgotten.
	mc.DeadNodeReclaimTime = time.Millisecond
	c.mc = *mc
	ml, err := memberlist.Create(mc)
	if err != nil {
		return nil, fmt.Errorf("start gossip on %s: %w", net.JoinHostPort(cfg.BindAddr, strconv.Itoa(cfg.BindPort)), err)
	}
	c.ml = ml
	if len(cfg.Join) > 0 {
		if _, err := ml.Join(cfg.Join); err != nil {
			ml.Shutdown()
			return nil, fmt.Errorf("join cluster through %v: %w", cfg.Join, err)
		}
	}
	return c, nil
}

// AdvertiseIP is the address other members are told to reach this node at:
// cfg.AdvertiseAddr when set, else a specific BindAddr, else, for a node
// bound to every interface (0.0.0.0 or ::), the machine's private IP as
// memberlist itself would pick it, or failing that its public one. A bind
// address of every interface is never advertised: nobody can dial it.
func AdvertiseIP(cfg Config) (string, error) {
	if cfg.AdvertiseAddr != "" {
		ip := net.ParseIP(cfg.AdvertiseAddr)
		if ip == nil || ip.IsUnspecified() {
			return "", fmt.Errorf("advertise address %q: want the IP others reach this node at", cfg.AdvertiseAddr)
		}
		return ip.String(), nil
	}
	if ip := net.ParseIP(cfg.BindAddr); ip != nil && !ip.IsUnspecified() {
		return ip.String(), nil
	}
	if cfg.BindAddr != "" && net.ParseIP(cfg.BindAddr) == nil {
		return "", fmt.Errorf("gossip bind address %q: want an IP", cfg.BindAddr)
	}
	for _, find := range []func() (string, error){sockaddr.GetPrivateIP, sockaddr.GetPublicIP} {
		if ip, err := find(); err == nil && ip != "" {
			return ip, nil
		}
	}
	return "", errors.New("this machine has no IP address to advertise to the cluster: pass --advertise IP")
}

// Join joins the cluster through any of addrs (gossip addresses) and
// returns how many answered; an error only when none did.
func (c *Cluster) Join(addrs []string) (int, error) { return c.list().Join(addrs) }

// Addr is the node's own gossip address.
func (c *Cluster) Addr() string {
	n := c.list().LocalNode()
	return net.JoinHostPort(n.Addr.String(), strconv.Itoa(int(n.Port)))
}

// Members returns the live members, the node itself included, sorted by ID.
// Members whose metadata does not parse are left out: anyone may gossip, and
// a malformed peer must not break the scheduler. A member memberlist only
// suspects is still listed: a call to it fails fast, and failure detection
// removes it soon if it is gone.
func (c *Cluster) Members() []api.Member {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sorted == nil {
		c.sorted = make([]api.Member, 0, len(c.live))
		for _, m := range c.live {
			c.sorted = append(c.sorted, m)
		}
		sort.Slice(c.sorted, func(i, j int) bool { return c.sorted[i].ID < c.sorted[j].ID })
	}
	return slices.Clone(c.sorted)
}

// GoneFor is how long a member that left or died is remembered (Gone).
const GoneFor = 15 * time.Minute

// maxGone bounds the members remembered as gone: membership is open, and
// a flood of joining and leaving names must not grow this without end.
const maxGone = 256

// goneMember is a member that left, and when.
type goneMember struct {
	api.Member
	at time.Time
}

// Gone returns the members that left or were declared dead within GoneFor
// and have not come back, sorted by ID.
func (c *Cluster) Gone() []api.Member {
	c.mu.Lock()
	c.forget(time.Now())
	out := make([]api.Member, 0, len(c.gone))
	for _, g := range c.gone {
		out = append(out, g.Member)
	}
	c.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// forget drops the members gone longer than GoneFor; c.mu is held.
func (c *Cluster) forget(now time.Time) {
	for name, g := range c.gone {
		if now.Sub(g.at) > GoneFor {
			delete(c.gone, name)
		}
	}
}

// track records n as memberlist describes it now; it runs inside
// memberlist's event callbacks, under its lock, so n may be read.
func (c *Cluster) track(n *memberlist.Node) {
	m, err := member(n)
	if err != nil {
		c.refused.note(n, err)
	}
	c.mu.Lock()
	c.sorted = nil
	c.changes++
	if err == nil {
		c.live[n.Name] = m
		delete(c.gone, n.Name)
	} else {
		delete(c.live, n.Name)
	}
	c.mu.Unlock()
	if err == nil && c.changed != nil {
		c.changed(n.Name)
	}
}

// Changes counts the members that joined, changed their metadata or went
// since the node started: a caller that saw the same count before has seen
// the same members, without copying them again.
func (c *Cluster) Changes() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changes
}

// Len is how many members Members would return now, without copying them.
func (c *Cluster) Len() int { return c.numLive() }

// numLive is the cluster's size as the events describe it (memberlist's
// own count is not safe to read before Create returns).
func (c *Cluster) numLive() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.live)
}

// Broadcast queues msg for every member: gossip carries it to a few
// members each round until each has had it a few times. A receiver that
// wants it to spread further broadcasts it again.
func (c *Cluster) Broadcast(msg []byte) error {
	if len(msg) == 0 || len(msg) > MaxMessageBytes {
		return fmt.Errorf("gossip message of %d bytes: want 1-%d", len(msg), MaxMessageBytes)
	}
	c.queue.QueueBroadcast(broadcast(slices.Clone(msg)))
	return nil
}

// broadcast is one queued message; none replaces another.
type broadcast []byte

func (b broadcast) Invalidates(memberlist.Broadcast) bool { return false }
func (b broadcast) Message() []byte                       { return b }
func (b broadcast) Finished()                             {}

// Leave tells the cluster the node is going and stops gossip.
func (c *Cluster) Leave(timeout time.Duration) error {
	ml := c.stop()
	err := ml.Leave(timeout)
	if serr := ml.Shutdown(); err == nil {
		err = serr
	}
	return err
}

// SetMeta changes what the node gossips about itself (its availability)
// and tells the cluster at once, waiting up to timeout for the news to go
// out.
func (c *Cluster) SetMeta(meta api.NodeMeta, timeout time.Duration) error {
	b, err := encodeMeta(meta)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.meta = b
	c.mu.Unlock()
	return c.list().UpdateNode(timeout)
}

// Kill stops gossip without leaving, as a crash would: the others find out
// through failure detection.
func (c *Cluster) Kill() error { return c.stop().Shutdown() }

// stop marks gossip stopped, so a Rebind racing with the node's close
// does nothing (memberlist panics on a Leave after Shutdown: "leave after
// shutdown", seen when a NATed node's gateway moved as its test ended),
// and returns the memberlist to shut down.
func (c *Cluster) stop() *memberlist.Memberlist {
	c.mlMu.Lock()
	defer c.mlMu.Unlock()
	c.stopped = true
	return c.ml
}

type delegate struct{ c *Cluster }

func (d delegate) NodeMeta(limit int) []byte {
	d.c.mu.Lock()
	defer d.c.mu.Unlock()
	return d.c.meta
}

// NotifyMsg hands a copy on: memberlist reuses the buffer.
func (d delegate) NotifyMsg(b []byte) {
	if d.c.messages != nil && len(b) > 0 && len(b) <= MaxMessageBytes {
		d.c.messages(slices.Clone(b))
	}
}

func (d delegate) GetBroadcasts(overhead, limit int) [][]byte {
	return d.c.queue.GetBroadcasts(overhead, limit)
}
func (d delegate) LocalState(join bool) []byte            { return nil }
func (d delegate) MergeRemoteState(buf []byte, join bool) {}

type events struct{ c *Cluster }

func (e events) NotifyJoin(n *memberlist.Node)   { e.c.track(n) }
func (e events) NotifyUpdate(n *memberlist.Node) { e.c.track(n) }

// NotifyLeave fires for members that left and members declared dead alike;
// both mean their leases will never come back.
func (e events) NotifyLeave(n *memberlist.Node) {
	e.c.mu.Lock()
	if m, ok := e.c.live[n.Name]; ok {
		e.c.forget(time.Now())
		if len(e.c.gone) < maxGone {
			e.c.gone[n.Name] = goneMember{m, time.Now()}
		}
	}
	delete(e.c.live, n.Name)
	e.c.sorted = nil
	e.c.changes++
	e.c.mu.Unlock()
	if e.c.onLeft != nil {
		e.c.onLeft(n.Name)
	}
}
