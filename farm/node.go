package farm

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/availability"
	"github.com/conun/conun/farm/bandwidth"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/devwatch"
	"github.com/conun/conun/farm/gossip"
	"github.com/conun/conun/farm/httplimit"
	"github.com/conun/conun/farm/notifyurl"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/farm/tunnel"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/verifier"
)

// NodeConfig configures a node. Start from DefaultNodeConfig and change what
// you need.
type NodeConfig struct {
	// Name is the node's unique name in the cluster; empty picks a random one.
	Name string
	// DataDir holds the blob cache and job outputs.
	DataDir string
	// APIAddr is where the client API listens (loopback unless it has a
	// token).
	APIAddr string
	// ListenAddr is where node-to-node RPC listens (leases, checks, blobs
	// for peers, claims): it must be reachable from the other members.
	// Empty serves it on the client API's listener, which suits clusters
	// on one machine (tests, the demo, the app's local node).
	ListenAddr string
	// Advertise is the IP other members are told to call this node's RPC
	// (and gossip) at. Empty takes the listener's own address, or for a
	// listener on every interface (0.0.0.0, ::) the gossip layer's
	// advertised one: a bind-all address is never advertised.
	Advertise string
	// BehindNAT says the node cannot accept connections: it attaches to a
	// gateway (one of Gateways, else a member reachable behind
	// Gossip.Join), which relays its RPC and gossip; it opens no listener
	// for either.
	BehindNAT bool
	// DetectNAT asks a member of the cluster behind Gossip.Join, at start,
	// to dial this node's advertised RPC address back; a node it cannot
	// reach goes behind NAT as if BehindNAT were set.
	DetectNAT bool
	// Gateways are RPC URLs of members a node behind NAT may attach to;
	// empty picks among the cluster's members.
	Gateways []string
	// GatewayStay is how long a node behind NAT stays at a gateway it
	// attached to (or one it left for it) before it leaves that gateway
	// on a coordinator's word that its answers come through altered
	// (relay.go leaveGateway); 0 or less is DefaultGatewayStay.
	GatewayStay time.Duration
	// WayCheck is how often a node behind NAT asks the members that
	// coordinate jobs, directly, how its answers reach them (wayask.go);
	// 0 or less is DefaultWayCheck.
	WayCheck time.Duration
	// Gossip configures memberlist; its Name is taken from Name.
	Gossip gossip.Config
	// Notify says where the node may post job notifications (notify.go).
	Notify NotifyConfig
	// Renderers are the backends this node runs.
	Renderers []renderer.Renderer
	// Slots is how many tasks this node renders at once.
	Slots int
	// Threads caps each render's threads; 0 lets a render use every core
	// (set it to cores/slots on a node with several slots).
	Threads int
	// LeaseTimeout is the longest a worker may hold one task before it is
	// handed to another, however alive the worker is.
	LeaseTimeout time.Duration
	// HeartbeatInterval is how often a coordinator asks a worker about a
	// lease; HeartbeatTimeout is how long without an answer ends it.
	HeartbeatInterval time.Duration
	HeartbeatTimeout  time.Duration
	// MaxAttempts is how many distinct healthy nodes must fail a task
	// before its job fails (or, where fewer are eligible, how many failed
	// leases once every one of them has failed it): nodehealth.go's record
	// keeps nodes that fail everything from counting.
	MaxAttempts int
	// Stall bounds how long a lease may go without progress (liveness.go).
	Stall StallConfig
	// Blocklist is how long a node that fails every task it is leased is
	// given no more, in any job (nodehealth.go).
	Blocklist time.Duration
	// StragglerAfter is the least time a lease runs before its task may
	// be leased a second time at the tail of a job (stragglers.go); 0
	// never duplicates a lease.
	StragglerAfter time.Duration
	// MaxBlobBytes bounds a scene upload.
	MaxBlobBytes int64
	// Uploads bounds the partial (resumable) uploads the node keeps, per
	// client and in total.
	Uploads blobstore.Quota
	// HTTP bounds the client API's and node RPC's servers: connections in
	// total and per source, header, body and idle timeouts. Its zero value
	// is httplimit.DefaultConfig.
	HTTP httplimit.Config
	// CacheBytes caps the disk the cache of scenes and tiles fetched from
	// other members takes; the least recently used are dropped to make
	// room, never one a running task uses, and a task that would need more
	// than that leaves is refused (blobstore.ErrOverCap). 0 is no cap.
	CacheBytes int64
	// UploadLimit caps the bytes a second the node serves blobs to other
	// members at, all transfers together; 0 is no limit.
	UploadLimit int64
	// DownloadLimit caps the bytes a second the node fetches blobs from
	// other members at, all transfers together; 0 is no limit.
	DownloadLimit int64
	// Prefetch lets coordinators tell this node the scenes of the jobs it
	// will likely render next, and this node's coordinator tell others,
	// so scenes download while other tasks render (prefetch.go).
	Prefetch bool
	// Calibrate times the node's built-in tracers once after it joins, in
	// a task slot, and gossips their speed (calibrate.go). Off by default:
	// `conun node` turns it on; a test that counts slots or renders would
	// see the calibration's.
	Calibrate bool
	// Reprobe says how often the node looks for its devices changing and
	// where (reprobe.go); the zero value never looks.
	Reprobe ReprobeConfig
	// APIToken, when set, must be presented by clients of the client API
	// (Authorization: Bearer TOKEN). It is required when APIAddr is not a
	// loopback address. It is the node owner's admin token: it sees every
	// client's jobs and makes the clients' own tokens (clients.go).
	APIToken string
	// Price is what the node asks per task, in tokens, advertised to
	// coordinators.
	Price api.Tokens
	// Credit is how much paid work, in tokens, this node renders for a
	// job beyond what its coordinator reserved for it in the escrow: what
	// a requester that never pays could keep from it per job (0: nothing;
	// reserve.go).
	Credit api.Tokens
	// Verify is the spot-check policy for the jobs this node coordinates.
	Verify verifier.Policy
	// Chain, when set, is this node's client of the escrow contracts,
	// bound to Identity's key: jobs it coordinates lock their budget and
	// are settled there, and it claims what it earns.
	Chain *contracts.Client
	// Sandboxed says the renderers run inside the Docker sandbox; it is
	// advertised to the cluster.
	Sandboxed bool
	// InspectTimeout bounds one scene inspection for a client (POST
	// /v1/inspect); 0 is DefaultInspectTimeout.
	InspectTimeout time.Duration
	// RenderMemory is the memory one render may take, in bytes: the
	// Docker sandbox's container limit (--memory-max); 0 when renders are
	// not sandboxed, which nothing caps. Shown to the owner with the
	// other caps (GET /v1/node/availability).
	RenderMemory int64
	// GPUs names the GPUs passed into the sandbox (--gpus: all, none or
	// ids), shown with the caps; empty is none.
	GPUs string
	// Refused names renderers this node will not run, each with the reason
	// a lease for it is refused (Blender without a sandbox, which the owner
	// did not accept): clearer to the coordinator than "no such renderer".
	Refused map[string]string
	// Stake is how many tokens the node keeps bonded in the escrow (with
	// Chain): coordinators may trust a staked node more, and slash it when
	// it is caught cheating. The node tops its stake up to this at start.
	Stake api.Tokens
	// MinStake is the bond, in tokens, a member must keep in the escrow
	// for this node to lease it tasks of its jobs (with Chain; off a chain
	// nothing is bonded and it does not apply): what keeps a swarm of
	// fresh keys in an open cluster from getting work (minstake.go). 0
	// leases to any member, for clusters whose gossip key already keeps
	// strangers out.
	MinStake api.Tokens
	// Identity is the node's key; nil makes a new one for this run.
	Identity *rpc.Identity
	// Logger receives the node's log; nil discards it.
	Logger *slog.Logger
	// Retention says how long finished jobs stay in memory and keep their
	// tiles.
	Retention Retention
	// Assemblers is how many frames the coordinator assembles at once, off
	// its lock; 0 means half the cores (at least one).
	Assemblers int
	// Delivery bounds how receipts and claims reach workers, and how often
	// this node asks for claims it was never handed (delivery.go).
	Delivery DeliveryConfig
	// Availability says when the node takes leases: always, only while its
	// owner leaves the machine idle, only inside a weekly schedule
	// (availability.Config). A pause by hand (PauseNode) overrides it.
	Availability availability.Config
	// Grace is how long an unavailable node keeps rendering a lease
	// expected to end within it; the rest it hands back at once.
	Grace time.Duration
	// Now is the coordinator's clock (job times, backoffs, quarantines,
	// retention); nil is time.Now. Tests set it to move time by hand.
	Now func() time.Time
	// protocol, when set, is spoken instead of Protocol: a test's node of
	// another release.
	protocol int
	// receiptsHeld has the coordinator issue no receipt (a test's
	// coordinator killed between its tiles' records and their receipts).
	receiptsHeld bool
	// receiptMessagesDropped has it record its receipts and never queue
	// them (a test's coordinator killed between the two).
	receiptMessagesDropped bool
	// reservesOff has it reserve nothing for its workers (a test's
	// requester that means not to pay).
	reservesOff bool
}

// DefaultNodeConfig returns a config for a node on loopback with random ports.
func DefaultNodeConfig() NodeConfig {
	return NodeConfig{
		APIAddr:           "127.0.0.1:0",
		Gossip:            gossip.Config{BindAddr: "127.0.0.1"},
		Slots:             1,
		LeaseTimeout:      2 * time.Hour,
		HeartbeatInterval: 2 * time.Second,
		HeartbeatTimeout:  20 * time.Second,
		MaxAttempts:       5,
		Stall:             DefaultStallConfig(),
		Blocklist:         time.Hour,
		StragglerAfter:    30 * time.Second,
		MaxBlobBytes:      2 << 30,
		Uploads:           blobstore.DefaultQuota(),
		HTTP:              httplimit.DefaultConfig(),
		CacheBytes:        20 << 30,
		Verify:            verifier.DefaultPolicy(),
		Retention:         DefaultRetention(),
		Delivery:          DefaultDeliveryConfig(),
		Availability:      availability.DefaultConfig(),
		Grace:             30 * time.Second,
		Prefetch:          true,
		Reprobe:           DefaultReprobeConfig(),
	}
}

// Node is a member of the farm: it gossips, renders tasks leased to it, and
// coordinates the jobs submitted to its client API.
type Node struct {
	cfg     NodeConfig
	final   finalMoney // chain figures of closed jobs (earnings.go)
	cluster *gossip.Cluster
	coord   *coordinator
	work    *worker
	srv     *http.Server // client API, and node RPC too without ListenAddr
	rpcSrv  *http.Server // node RPC on its own listener (ListenAddr), or nil
	link    *tunnel.Link // behind NAT: the tunnel to the gateway, else nil
	// attached is when the node last attached to a gateway or left one on
	// a coordinator's word (unix nanoseconds; relay.go leaveGateway).
	attached  atomic.Int64
	gateway   *tunnel.Gateway // reachable: relays for NATed nodes, else nil
	metaMu    sync.Mutex
	meta      api.NodeMeta // what the node gossips about itself; guarded by metaMu
	avail     *availability.Monitor
	availMu   sync.Mutex         // orders availability changes (away.go), and every change to the gossiped meta with them
	reprobeMu sync.Mutex         // one device re-probe at a time (reprobe.go)
	up        *bandwidth.Limiter // paces the blobs it serves to members; nil: no limit
	store     *store.Store
	clients   *clients     // the client API's tokens
	inspects  *inspectGate // bounds POST /v1/inspect (inspect.go)
	metrics   *metrics
	wallet    *wallet
	earned    *earnLog        // what its worker rendered, per job and day (earnings.go)
	kept      *resultBook     // the results it signs for the escrow, and its disputes
	ctx       context.Context // ends when the node stops
	url       string          // the client API's base URL
	rpcURL    string          // the base URL other members call
	proto     int             // the protocol it speaks (Protocol; another in tests)
	cancel    context.CancelFunc
	wg        group
	once      sync.Once
}

// StartNode starts a node and returns once it serves and has joined the
// cluster. ctx bounds the start only (topping up the stake on the chain
// can take a while; Ctrl-C gives up on it); Close (or Kill) stops the node.
func StartNode(ctx context.Context, cfg NodeConfig) (*Node, error) {
	if cfg.Name == "" {
		var b [4]byte
		rand.Read(b[:])
		host, _ := os.Hostname()
		cfg.Name = fmt.Sprintf("%s-%s", host, hex.EncodeToString(b[:]))
	}
	if cfg.DataDir == "" {
		return nil, errors.New("node: no data directory configured")
	}
	if cfg.HeartbeatInterval <= 0 || cfg.HeartbeatTimeout <= 0 || cfg.LeaseTimeout <= 0 {
		return nil, errors.New("node: lease timeout and heartbeat interval and timeout must be > 0")
	}
	if err := cfg.Verify.Validate(); err != nil {
		return nil, err
	}
	for i, r := range cfg.Renderers {
		if r == nil {
			return nil, fmt.Errorf("node: renderer %d of %d is missing (nil)", i+1, len(cfg.Renderers))
		}
	}
	if cfg.Slots < 1 {
		return nil, fmt.Errorf("node: slots %d: must be >= 1", cfg.Slots)
	}
	if err := cfg.Availability.Validate(); err != nil {
		return nil, fmt.Errorf("node: %w", err)
	}
	if cfg.Grace < 0 {
		return nil, fmt.Errorf("node: grace %v: must be >= 0", cfg.Grace)
	}
	if cfg.Reprobe.Every < 0 {
		return nil, fmt.Errorf("node: re-probe interval %v: must be >= 0 (0: never)", cfg.Reprobe.Every)
	}
	if err := devwatch.Check(cfg.Reprobe.Paths); err != nil {
		return nil, fmt.Errorf("node: %w", err)
	}
	blobs, err := blobstore.Open(filepath.Join(cfg.DataDir, "blobs"), cfg.MaxBlobBytes)
	if err != nil {
		return nil, err
	}
	blobs.SetQuota(cfg.Uploads)
	if cfg.HTTP == (httplimit.Config{}) {
		cfg.HTTP = httplimit.DefaultConfig()
	}
	cache, err := blobstore.Open(filepath.Join(cfg.DataDir, "cache"), cfg.MaxBlobBytes)
	if err != nil {
		return nil, err
	}
	cache.SetCap(cfg.CacheBytes)
	down := bandwidth.New(cfg.DownloadLimit) // one cap for both stores
	blobs.SetDownloadLimit(down)
	cache.SetDownloadLimit(down)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Identity == nil {
		id, err := rpc.NewIdentity()
		if err != nil {
			return nil, err
		}
		cfg.Identity = id
	}
	if err := topUpStake(ctx, cfg); err != nil {
		return nil, err
	}
	st, err := store.Open(StorePath(cfg.DataDir), cfg.Logger)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.APIAddr)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("node API on %s: %w", cfg.APIAddr, err)
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() && cfg.APIToken == "" {
		ln.Close()
		st.Close()
		return nil, fmt.Errorf("node API on %s is reachable from other machines: it needs a token", cfg.APIAddr)
	}
	rpcLn, rpcURL, link, err := openRPC(ctx, &cfg, ln)
	if err != nil {
		ln.Close()
		st.Close()
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := &Node{cfg: cfg, url: "http://" + ln.Addr().String(), rpcURL: rpcURL, link: link, cancel: cancel, up: bandwidth.New(cfg.UploadLimit), proto: Protocol}
	if link != nil {
		n.attached.Store(time.Now().UnixNano())
	}
	if cfg.protocol != 0 {
		n.proto = cfg.protocol
	}
	rends := make(map[string]renderer.Renderer)
	versions := make(map[string]string)
	for _, r := range cfg.Renderers {
		rends[r.Name()] = r
		versions[r.Name()] = renderer.Advertised(r)
	}
	// Every GET to a member is signed with the node's key: members serve
	// blobs to members only (peerblobs.go).
	hc := newNodeHTTPClient()
	hc.Transport = &signingTransport{base: hc.Transport, ident: cfg.Identity, members: n.members}
	n.metrics = new(metrics)
	n.kept = &resultBook{store: st, blobs: blobs}
	earned, err := newEarnLog(st, cfg.Now)
	if err != nil {
		cfg.Logger.Error("load earnings", "err", err)
	}
	n.earned = earned
	n.inspects = newInspectGate(cfg.Slots, cfg.InspectTimeout)
	sessions := rpc.NewSessions(cfg.Identity)
	n.work = &worker{
		id: cfg.Name, price: cfg.Price.Wei(), credit: cfg.Credit.Wei(), rendered: newRenderedLog(st), ident: cfg.Identity, sessions: sessions, threads: cfg.Threads, replay: rpc.NewReplayGuard(2 * time.Minute), metrics: n.metrics,
		renderers: rends, refused: cfg.Refused, blobs: blobs, cache: cache, hc: hc, ctx: ctx, chain: cfg.Chain, kept: n.kept, earned: earned,
		slots: make(chan struct{}, cfg.Slots), checkSlots: make(chan struct{}, 1), log: cfg.Logger,
		// Set here, before the listener serves: set once it did, a render
		// failing at once raced with it (TestFrameFailsAlone under -race).
		gpuFailed: n.gpuFailed,
	}
	if link != nil {
		n.work.leaveGateway = n.leaveGateway
	}
	if ahead := aheadFor(cfg); ahead > 0 {
		n.work.ahead = make(chan struct{}, ahead)
	}
	if cfg.Prefetch {
		n.work.prefetch = make(chan TaskRequest, prefetchQueue)
		n.wg.Go(func() { n.work.runPrefetch(ctx) })
	}
	n.ctx = ctx
	n.wallet = &wallet{chain: cfg.Chain, ident: cfg.Identity, store: st, wake: make(chan struct{}, 1)}
	n.coord = &coordinator{
		cfg: cfg, self: cfg.Name, selfURL: n.RPCURL, renderers: rends, blobs: blobs, hc: hc,
		store: st, log: cfg.Logger, ident: cfg.Identity, sessions: sessions, metrics: n.metrics,
		chain: cfg.Chain, ctx: ctx, wg: &n.wg, stakes: newStakeGate(cfg.Chain, cfg.MinStake, cfg.Identity.Address()),
		rep: verifier.NewReputation(cfg.Verify, cfg.Now), secret: newSecret(),
		jobs: make(map[string]*job), inflight: make(map[string]int),
		busy: make(map[string]time.Time), wake: make(chan struct{}, 1), workChanged: make(chan struct{}, 1),
		assemblers:   make(chan struct{}, cmp.Or(cfg.Assemblers, max(1, runtime.NumCPU()/2))),
		checkCancels: make(map[string]map[uint64]context.CancelFunc),
		reclaimWake:  make(chan struct{}, 1),
		notices:      newNotices(), cache: cache, decoded: newDecodedTiles(maxDecodedBytes),
		outbox:   newOutbox(cfg.Delivery, st, cfg.Logger, nil), // real time: retries wait for networks, not for a test clock
		reserves: newReservesFor(ctx, cfg.Chain, cfg.Logger),
		gateways: gatewayFaults{now: cfg.Now}, // the scheduler's clock: it asks whether a member is held
	}
	n.coord.outbox.ident, n.coord.outbox.notifyHC = cfg.Identity, notifyurl.Client(cfg.Notify.AllowPrivate, cfg.Delivery.Timeout)
	n.store = st
	closeAll := func() {
		cancel()
		ln.Close()
		if rpcLn != nil {
			rpcLn.Close()
		}
		st.Close()
	}
	if n.clients, err = newClients(st, cfg.APIToken); err != nil {
		closeAll()
		return nil, err
	}
	// The deliveries queued before the stop first: restore receipts the
	// tasks a kill left unreceipted, and a worker's new receipt must
	// replace its older one in the outbox, not be replaced by it.
	if err := n.coord.outbox.load(); err != nil {
		cfg.Logger.Error("resume deliveries", "err", err)
	}
	if err := n.coord.restore(); err != nil {
		closeAll()
		return nil, err
	}
	gcfg := cfg.Gossip
	gcfg.Name = cfg.Name
	if cfg.Advertise != "" {
		gcfg.AdvertiseAddr = cfg.Advertise
	}
	if link != nil {
		gcfg.Transport = link
	}
	gcfg.Messages = n.coord.hear
	gcfg.Changed = n.coord.memberChanged
	gcfg.Refused = func(name, addr string, err error) {
		cfg.Logger.Warn("member ignored: its advertised address is not a host and port", "member", name, "gossip", addr, "err", err)
	}
	// Messages can arrive before Join returns: until then nothing is
	// passed on (the channel orders n.cluster's write before its reads).
	joined := make(chan struct{})
	n.coord.broadcast = func(msg []byte) error {
		select {
		case <-joined:
			return n.cluster.Broadcast(msg)
		default:
			return errors.New("not in the cluster yet")
		}
	}
	meta := api.NodeMeta{
		ID: cfg.Name, API: rpcURL, Renderers: versions, Cores: runtime.NumCPU(), Slots: cfg.Slots,
		Addr: cfg.Identity.Address().Hex(), Price: cfg.Price, Sandboxed: cfg.Sandboxed, Ahead: aheadFor(cfg),
		Proto: n.proto,
	}
	meta.Away = n.startAvailability(ctx)
	n.meta = meta
	n.cluster, err = gossip.Join(gcfg, meta, n.coord.memberLeft)
	if err != nil {
		closeAll()
		return nil, err
	}
	if link == nil {
		n.startGateway()
	} else {
		n.wg.Go(func() { n.keepAttached(ctx) })
		n.wg.Go(func() { n.watchWay(ctx) })
	}
	n.wg.Go(func() { n.tellCoordinating(ctx) })
	n.coord.members, n.coord.everyone, n.coord.proto = n.peers, n.cluster.Members, n.proto
	n.coord.outbox.members = n.cluster.Members
	close(joined)
	n.work.members = n.cluster.Members
	if rpcLn == nil {
		n.srv = cfg.HTTP.Server(n.routes(apiRoutes, rpcRoutes))
	} else {
		n.srv = cfg.HTTP.Server(n.routes(apiRoutes))
		n.rpcSrv = cfg.HTTP.Server(n.routes(rpcRoutes))
		rpcLn := n.limitRPC(rpcLn)
		n.wg.Go(func() { n.rpcSrv.Serve(rpcLn) })
	}
	apiLn := n.limitAPI(ln)
	n.wg.Go(func() { n.srv.Serve(apiLn) })
	n.wg.Go(func() { n.coord.run(ctx) })
	n.wg.Go(func() { n.coord.recheckLoop(ctx) })
	if err := n.resumeClaims(); err != nil {
		cfg.Logger.Error("resume claims", "err", err)
	}
	n.wg.Go(func() { n.coord.outbox.run(ctx) })
	if cfg.Chain != nil {
		n.wg.Go(func() { n.redeemReceipts(ctx) })
		n.wg.Go(func() { n.pullClaims(ctx) })
		n.wg.Go(func() { n.coord.reclaimLoop(ctx) })
		n.wg.Go(func() { n.watchDraws(ctx) })
		n.resumeDisputes()
	}
	if len(cfg.Gossip.Join) == 0 {
		if addrs := rememberedMembers(cfg.DataDir); len(addrs) > 0 {
			n.wg.Go(func() { n.rejoin(ctx, addrs) })
		}
	}
	n.wg.Go(func() { n.rememberMembers(ctx) })
	n.wg.Go(func() { n.watchAvailability(ctx) })
	if err := n.startDeviceWatch(ctx); err != nil {
		n.Close()
		return nil, err
	}
	if cfg.Calibrate {
		n.wg.Go(func() { n.calibrateAndGossip(ctx) })
	}
	return n, nil
}

// Chain is the node's escrow client (nil without a chain).
func (n *Node) Chain() *contracts.Client { return n.cfg.Chain }

// Name is the node's name in the cluster.
func (n *Node) Name() string { return n.cfg.Name }

// URL is the base URL of the node's client API.
func (n *Node) URL() string { return n.url }

// RPCURL is the base URL other members call this node's RPC at: behind
// NAT, its relay at its gateway now.
func (n *Node) RPCURL() string {
	if n.link != nil {
		return n.link.RelayURL()
	}
	return n.rpcURL
}

// changeMeta has change edit the node's gossiped meta, and gossips the
// result when change reports that the cluster must be told; what names
// the change in the log should that fail. It returns the meta as changed.
// n.availMu must be held: every change to the meta is gossiped in the
// order it was made, so none gossips an older meta after a newer one.
func (n *Node) changeMeta(what string, change func(*api.NodeMeta) bool) api.NodeMeta {
	n.metaMu.Lock()
	tell := change(&n.meta)
	meta := n.meta
	n.metaMu.Unlock()
	if tell {
		if err := n.cluster.SetMeta(meta, time.Second); err != nil {
			n.cfg.Logger.Warn("gossip "+what, "err", err)
		}
	}
	return meta
}

// GossipAddr is the node's memberlist address, for others to join through.
func (n *Node) GossipAddr() string { return n.cluster.Addr() }

// members is Members, and none before the node has joined.
func (n *Node) members() []api.Member {
	if n.cluster == nil {
		return nil
	}
	return n.cluster.Members()
}

// Refused names the renderers the node will not run, each with why.
func (n *Node) Refused() map[string]string { return maps.Clone(n.cfg.Refused) }

// Renderers names the renderers the node offers, as it gossips them.
func (n *Node) Renderers() []string {
	out := make([]string, 0, len(n.cfg.Renderers))
	for _, r := range n.cfg.Renderers {
		out = append(out, r.Name())
	}
	return out
}

// Members returns the live members this node sees.
func (n *Node) Members() []api.Member { return n.cluster.Members() }

// Close leaves the cluster gracefully and stops the node.
func (n *Node) Close() error { return n.stop(true) }

// Kill stops the node as a crash would: no leave message, connections cut.
func (n *Node) Kill() error { return n.stop(false) }

func (n *Node) stop(leave bool) error {
	var err error
	n.once.Do(func() {
		n.coord.stopping.Store(true)
		var cerr error
		if leave {
			// Leases in progress go back to their coordinators first, as
			// released leases: queued again at once, counted against
			// nothing (release.go).
			rctx, rcancel := context.WithTimeout(context.Background(), 5*time.Second)
			n.work.setAway("node shutting down")
			n.work.releaseLeases(rctx, 0, "node shutting down")
			rcancel()
			err = n.cluster.Leave(time.Second)
			// Cancelling the node's context stops the scheduler and makes
			// every render in progress answer "busy", which hands its lease
			// back to the coordinator at no cost to the task's attempts; the
			// server then waits for those answers to go out.
			n.cancel()
			// A second is plenty for those answers. Shutdown would also wait
			// up to 5 s for connections that never sent a request (peers'
			// HTTP clients dial ahead), so after the second they are cut.
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			cerr = errors.Join(shutdown(ctx, n.srv), shutdown(ctx, n.rpcSrv))
			cancel()
		} else {
			// As a crash: connections cut before anything can answer.
			err = n.cluster.Kill()
			cerr = n.srv.Close()
			if n.rpcSrv != nil {
				cerr = errors.Join(cerr, n.rpcSrv.Close())
			}
			n.cancel()
		}
		if err == nil {
			err = cerr
		}
		if n.gateway != nil {
			n.gateway.Close()
		}
		if n.link != nil {
			n.link.Close()
		}
		// Every goroutine that may touch the store (leases, checks,
		// assemblies, settlements, claims) belongs to n.wg: once they
		// have ended, the store writes what is queued and closes.
		n.wg.Wait()
		if serr := n.store.Close(); err == nil {
			err = serr
		}
		for _, r := range n.cfg.Renderers {
			if c, ok := r.(io.Closer); ok {
				c.Close() // warm renderer processes
			}
		}
	})
	return err
}

// topUpStake bonds tokens until the node's stake reaches cfg.Stake, and
// warns when it then bonds less than cfg.MinStake: coordinators that ask
// as much of their workers as this node does would lease it nothing, and
// a GPU owner who left out --stake would never hear why it earns nothing.
func topUpStake(ctx context.Context, cfg NodeConfig) error {
	if cfg.Chain == nil || cfg.Stake.IsZero() && cfg.MinStake.IsZero() {
		return nil
	}
	wait := time.Minute
	if cfg.Stake.IsZero() {
		wait = stakeReadTimeout // only the warning needs the stake: no long wait on a slow chain
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	st, err := cfg.Chain.StakeOf(ctx, cfg.Identity.Address())
	switch {
	case err != nil && cfg.Stake.IsZero():
		return nil
	case err != nil:
		return fmt.Errorf("read stake: %w", err)
	case st.Active.Cmp(cfg.MinStake.Wei()) < 0 && cfg.Stake.Cmp(cfg.MinStake) < 0:
		cfg.Logger.Warn("this node bonds less than the minimum stake coordinators ask of their workers: they lease it nothing; start it with --stake "+cfg.MinStake.String()+" to earn",
			"stake", api.FormatTokens(st.Active), "min_stake", cfg.MinStake.String())
	}
	missing := new(big.Int).Sub(cfg.Stake.Wei(), st.Active)
	if missing.Sign() <= 0 {
		return nil
	}
	// A node whose tokens went into a dispute's bond or a slash must still
	// start (to dispute, to earn its stake back): it stakes what it has and
	// says so, rather than refusing to run.
	bal, err := cfg.Chain.Balance(ctx, cfg.Identity.Address())
	if err != nil {
		return fmt.Errorf("read balance: %w", err)
	}
	if bal.Cmp(missing) < 0 {
		cfg.Logger.Warn("not enough tokens to reach the stake asked for: staking what there is",
			"stake", api.FormatTokens(st.Active), "asked", api.FormatTokens(cfg.Stake.Wei()), "balance", api.FormatTokens(bal))
		if bal.Sign() == 0 {
			return nil
		}
		missing = bal
	}
	if _, err := cfg.Chain.Stake(ctx, missing); err != nil {
		return fmt.Errorf("stake %s tokens: %w", api.FormatTokens(missing), err)
	}
	return nil
}

// shutdown stops srv (nil: nothing), cutting what has not ended by ctx's
// deadline.
func shutdown(ctx context.Context, srv *http.Server) error {
	if srv == nil {
		return nil
	}
	err := srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = srv.Close()
	}
	return err
}

// listenRPC opens the node-to-node listener (nil when RPC shares the
// client API's listener api) and returns the URL other members are told:
// never a bind-all address, and never loopback unless the cluster is on
// loopback too.
func listenRPC(cfg NodeConfig, api net.Listener) (net.Listener, string, error) {
	ln := api
	if cfg.ListenAddr != "" {
		var err error
		if ln, err = net.Listen("tcp", cfg.ListenAddr); err != nil {
			return nil, "", fmt.Errorf("node RPC on %s: %w", cfg.ListenAddr, err)
		}
	}
	addr := ln.Addr().(*net.TCPAddr)
	host := cfg.Advertise
	switch {
	case host != "":
		if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
			ln.Close()
			return nil, "", fmt.Errorf("advertise address %q: want the IP other members reach this node at", host)
		}
	case !addr.IP.IsUnspecified():
		host = addr.IP.String()
	default:
		g := cfg.Gossip
		g.AdvertiseAddr = cfg.Advertise
		ip, err := gossip.AdvertiseIP(g)
		if err != nil {
			ln.Close()
			return nil, "", err
		}
		host = ip
	}
	url := "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port))
	if cfg.ListenAddr == "" {
		return nil, url, nil
	}
	return ln, url, nil
}
