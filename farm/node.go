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
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/gossip"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/store"
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
	// APIAddr is where the HTTP endpoint (client API and node RPC) listens.
	APIAddr string
	// Gossip configures memberlist; its Name is taken from Name.
	Gossip gossip.Config
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
	// MaxAttempts is how many failed leases of one task fail its job.
	MaxAttempts int
	// MaxBlobBytes bounds a scene upload.
	MaxBlobBytes int64
	// CacheBytes caps the cache of scenes fetched for other coordinators'
	// tasks; the least recently used are dropped beyond it.
	CacheBytes int64
	// APIToken, when set, must be presented by clients of the client API
	// (Authorization: Bearer TOKEN). It is required when APIAddr is not a
	// loopback address.
	APIToken string
	// Price is what the node asks per task, in tokens, advertised to
	// coordinators.
	Price float64
	// Verify is the spot-check policy for the jobs this node coordinates.
	Verify verifier.Policy
	// Chain, when set, is this node's client of the escrow contracts,
	// bound to Identity's key: jobs it coordinates lock their budget and
	// are settled there, and it claims what it earns.
	Chain *contracts.Client
	// Sandboxed says the renderers run inside the Docker sandbox; it is
	// advertised to the cluster.
	Sandboxed bool
	// Stake is how many tokens the node keeps bonded in the escrow (with
	// Chain): coordinators may trust a staked node more, and slash it when
	// it is caught cheating. The node tops its stake up to this at start.
	Stake float64
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
	// Now is the coordinator's clock (job times, backoffs, quarantines,
	// retention); nil is time.Now. Tests set it to move time by hand.
	Now func() time.Time
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
		MaxBlobBytes:      2 << 30,
		CacheBytes:        20 << 30,
		Verify:            verifier.DefaultPolicy(),
		Retention:         DefaultRetention(),
	}
}

// Node is a member of the farm: it gossips, renders tasks leased to it, and
// coordinates the jobs submitted to its client API.
type Node struct {
	cfg     NodeConfig
	cluster *gossip.Cluster
	coord   *coordinator
	work    *worker
	srv     *http.Server
	store   *store.Store
	metrics *metrics
	wallet  *wallet
	ctx     context.Context // ends when the node stops
	url     string
	cancel  context.CancelFunc
	wg      group
	once    sync.Once
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
	blobs, err := blobstore.Open(filepath.Join(cfg.DataDir, "blobs"), cfg.MaxBlobBytes)
	if err != nil {
		return nil, err
	}
	cache, err := blobstore.Open(filepath.Join(cfg.DataDir, "cache"), cfg.MaxBlobBytes)
	if err != nil {
		return nil, err
	}
	cache.SetCap(cfg.CacheBytes)
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
	st, err := store.Open(filepath.Join(cfg.DataDir, "farm.db"), cfg.Logger)
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
	ctx, cancel := context.WithCancel(context.Background())
	n := &Node{cfg: cfg, url: "http://" + ln.Addr().String(), cancel: cancel}
	rends := make(map[string]renderer.Renderer)
	versions := make(map[string]string)
	for _, r := range cfg.Renderers {
		rends[r.Name()] = r
		versions[r.Name()] = r.Version()
	}
	hc := &http.Client{}
	n.metrics = new(metrics)
	n.work = &worker{
		id: cfg.Name, price: api.TokensToWei(cfg.Price), rendered: newRenderedLog(st), ident: cfg.Identity, threads: cfg.Threads, replay: rpc.NewReplayGuard(2 * time.Minute), metrics: n.metrics,
		renderers: rends, blobs: blobs, cache: cache, hc: hc, ctx: ctx, chain: cfg.Chain,
		slots: make(chan struct{}, cfg.Slots), checkSlots: make(chan struct{}, 1),
	}
	n.ctx = ctx
	n.wallet = &wallet{chain: cfg.Chain, ident: cfg.Identity, store: st}
	n.coord = &coordinator{
		cfg: cfg, self: cfg.Name, selfURL: n.url, renderers: rends, blobs: blobs, hc: hc,
		store: st, log: cfg.Logger, ident: cfg.Identity, metrics: n.metrics,
		chain: cfg.Chain, ctx: ctx, wg: &n.wg,
		rep: verifier.NewReputation(cfg.Verify, cfg.Now), secret: newSecret(),
		jobs: make(map[string]*job), inflight: make(map[string]int),
		busy: make(map[string]time.Time), wake: make(chan struct{}, 1),
		assemblers:   make(chan struct{}, cmp.Or(cfg.Assemblers, max(1, runtime.NumCPU()/2))),
		checkCancels: make(map[string]map[uint64]context.CancelFunc),
		notices:      newNotices(), cache: cache,
	}
	n.store = st
	if err := n.coord.restore(); err != nil {
		cancel()
		ln.Close()
		st.Close()
		return nil, err
	}
	gcfg := cfg.Gossip
	gcfg.Name = cfg.Name
	gcfg.Messages = n.coord.hear
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
		ID: cfg.Name, API: n.url, Renderers: versions, Cores: runtime.NumCPU(), Slots: cfg.Slots,
		Addr: cfg.Identity.Address().Hex(), Price: cfg.Price, Sandboxed: cfg.Sandboxed,
	}
	n.cluster, err = gossip.Join(gcfg, meta, n.coord.memberLeft)
	if err != nil {
		cancel()
		ln.Close()
		st.Close()
		return nil, err
	}
	n.coord.members = n.cluster.Members
	close(joined)
	n.work.members = n.cluster.Members
	n.srv = &http.Server{Handler: n.routes(), ReadHeaderTimeout: 10 * time.Second}
	n.wg.Go(func() { n.srv.Serve(ln) })
	n.wg.Go(func() { n.coord.run(ctx) })
	n.wg.Go(func() { n.coord.recheckLoop(ctx) })
	if err := n.resumeClaims(); err != nil {
		cfg.Logger.Error("resume claims", "err", err)
	}
	if cfg.Chain != nil {
		n.wg.Go(func() { n.redeemReceipts(ctx) })
	}
	return n, nil
}

// Chain is the node's escrow client (nil without a chain).
func (n *Node) Chain() *contracts.Client { return n.cfg.Chain }

// Name is the node's name in the cluster.
func (n *Node) Name() string { return n.cfg.Name }

// URL is the base URL of the node's client API.
func (n *Node) URL() string { return n.url }

// GossipAddr is the node's memberlist address, for others to join through.
func (n *Node) GossipAddr() string { return n.cluster.Addr() }

// Members returns the live members this node sees.
func (n *Node) Members() []api.Member { return n.cluster.Members() }

// Close leaves the cluster gracefully and stops the node.
func (n *Node) Close() error { return n.stop(true) }

// Kill stops the node as a crash would: no leave message, connections cut.
func (n *Node) Kill() error { return n.stop(false) }

func (n *Node) stop(leave bool) error {
	var err error
	n.once.Do(func() {
		var cerr error
		if leave {
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
			if cerr = n.srv.Shutdown(ctx); errors.Is(cerr, context.DeadlineExceeded) {
				cerr = n.srv.Close()
			}
			cancel()
		} else {
			// As a crash: connections cut before anything can answer.
			err = n.cluster.Kill()
			cerr = n.srv.Close()
			n.cancel()
		}
		if err == nil {
			err = cerr
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

// topUpStake bonds tokens until the node's stake reaches cfg.Stake.
func topUpStake(ctx context.Context, cfg NodeConfig) error {
	if cfg.Chain == nil || cfg.Stake <= 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	st, err := cfg.Chain.StakeOf(ctx, cfg.Identity.Address())
	if err != nil {
		return fmt.Errorf("read stake: %w", err)
	}
	missing := new(big.Int).Sub(api.TokensToWei(cfg.Stake), st.Active)
	if missing.Sign() <= 0 {
		return nil
	}
	if _, err := cfg.Chain.Stake(ctx, missing); err != nil {
		return fmt.Errorf("stake %s tokens: %w", api.FormatTokens(missing), err)
	}
	return nil
}
