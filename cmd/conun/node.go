package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/httplimit"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/external"
	"github.com/conun/conun/renderer/gl"
	"github.com/conun/conun/renderer/sandbox"
)

func runNode(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("node", flag.ContinueOnError)
	data := fs.String("data", "", "data folder: the node's name, blob cache and job outputs (required)")
	gossip := fs.String("gossip", "127.0.0.1:7946", "gossip address HOST:PORT (port 0 picks one); 0.0.0.0 for a cluster of several machines")
	listen := fs.String("listen", "", "node-to-node RPC address HOST:PORT, reachable by the other members (default: the --gossip host, the port above --gossip's)")
	advertise := fs.String("advertise", "", "IP the other members reach this node at (default: the --gossip/--listen host, or for 0.0.0.0 this machine's private IP)")
	api := fs.String("api", "127.0.0.1:8080", "client API address HOST:PORT (off loopback it needs the token kept in --data)")
	join := fs.String("join", "", "gossip addresses of members to join, comma-separated")
	slots := fs.Int("slots", 1, "tasks rendered at once")
	price := tokensFlag(fs, "price", "0", "tokens asked per task, exactly (e.g. 0.03: up to 18 decimals)")
	credit := tokensFlag(fs, "credit", "0", "tokens of paid work this node renders for a job beyond what its requester reserved for it in the escrow (what a requester that never pays could keep from it, per job); 0: only reserved work")
	payClaims := fs.Bool("pay-claims", true, "as a coordinator on a chain, submit the workers' claims for them right after settling and pay the gas, so keys without Ether are paid (false: each worker claims itself)")
	threads := fs.Int("threads", 0, "threads per render; 0 uses every core")
	cacheMax := sizeFlag(fs, "cache-max", "20GiB", "disk the cache of scenes and tiles fetched from other members may take (20GB = 20*10^9 bytes, 20GiB = 20*2^30); the least recently used go first, never one a running task uses, and a lease that would need more is refused; 0: no cap")
	memoryMax := sizeFlag(fs, "memory-max", "4GiB", "memory one render may take: the Docker sandbox container's limit (a render that needs more fails, over memory cap); unsandboxed renders are not capped")
	uploadLimit := rateFlag(fs, "upload-limit", "0", "bytes a second this node sends blobs to other members at, all transfers together (e.g. 10MB/s); 0: no limit")
	uploadQuotas := uploadQuotaFlags(fs)
	downloadLimit := rateFlag(fs, "download-limit", "0", "bytes a second this node fetches scenes and tiles from other members at, all transfers together (e.g. 10MB/s); 0: no limit")
	calibrate := fs.Bool("calibrate", true, "time the built-in tracers (pathtracer, gl) once after joining, in a free task slot, and gossip their speed: coordinators offer tasks to the fastest free members first and bind --renderer auto jobs by it")
	prefetch := fs.Bool("prefetch", true, "fetch the scenes of jobs a coordinator says this node will likely render next while it renders others, into the cache (evicted first, within --cache-max and --download-limit); as a coordinator, tell workers so (false: neither)")
	rends := fs.String("renderers", "pathtracer", "renderers to run, comma-separated: pathtracer, blender, gl (the GPU path tracer through OpenGL/EGL, and with it gl-raster, the rasterized glTF preview; each offered only when its context comes up), gl-raster (the preview alone)")
	gpu := fs.Int("gpu", -1, "the gl renderer's GPU: an EGL device index (0, 1, ...); -1 takes the first that gives an OpenGL 4.3 context")
	bo := defaultBlender()
	addBlenderFlag(fs, &bo, "Blender binary for the blender renderer")
	fs.StringVar(&bo.Device, "blender-device", bo.Device, "Cycles device: CPU, CUDA, OPTIX, HIP, METAL; one Blender does not find here is not offered (the node renders on the CPU and says why at start)")
	gpus := fs.String("gpus", "none", "GPUs passed into the Docker sandbox's containers for a GPU --blender-device: all, none, or ids such as 0,1 (needs nvidia-container-toolkit; checked at start)")
	addBlenderVersionFlag(fs, &bo)
	reprobeEvery := fs.Duration("reprobe-every", farm.DefaultReprobeConfig().Every, "how often to look for GPUs and drivers changing (/dev/dri, /dev/nvidia*, /dev/kfd, the driver's version): on a change Blender is asked again which devices it finds and the node offers what it finds; 0 never looks (conun node reprobe or SIGHUP still ask)")
	name := fs.String("name", "", "node name; default a name kept in --data")
	keyFile := fs.String("key", "", "node key file (secp256k1, hex); default DATA/node.key, created on first start")
	gossipKey := envFlag(fs, "gossip-key", "CONUN_GOSSIP_KEY", "encrypt gossip with this key: 16, 24 or 32 bytes as hex or base64 (default from CONUN_GOSSIP_KEY)", os.Getenv)
	var renderCmds listFlag
	fs.Var(&renderCmds, "renderer-cmd", "offer renderer KIND by running CMD once per task (KIND=CMD; repeatable; see README)")
	sandboxMode := fs.String("sandbox", "auto", "docker: every render in a locked-down container; none: renders run unsandboxed (loud warning); auto: docker when an engine answers")
	chainF := addChainFlags(fs)
	stake := tokensFlag(fs, "stake", "0", "tokens to keep bonded in the escrow (with --chain); coordinators lease only to members bonding their --min-stake")
	minStake := fs.String("min-stake", "", "lease tasks of this node's jobs only to members bonding at least this many tokens (with --chain; default 1 without --gossip-key, 0 with one)")
	behindNAT := fs.Bool("behind-nat", false, "this machine cannot accept connections (a home router): reach the cluster through a member that can; default: asked of a member at start when joining, =false skips the question")
	network := fs.String("network", "lan", "lan: members on one network; wan: members across the internet (slower failure detection, longer heartbeat timeouts)")
	fast := fs.Bool("fast-failure", false, "detect dead members within a few seconds (loopback clusters, tests)")
	reset := fs.Bool("reset-store", false, "if the store (DATA/farm.db) is corrupt, move it aside as farm.db.corrupt-TIME and start with no jobs (a sound store is kept)")
	retain := farm.DefaultRetention()
	fs.DurationVar(&retain.Memory, "retain-jobs", retain.Memory, "how long a finished job stays in memory (then it is read from disk when asked for); 0 keeps it")
	fs.DurationVar(&retain.Tiles, "retain-tiles", retain.Tiles, "how long a finished job's tiles are kept (its frames stay); 0 keeps them")
	cfg := farm.DefaultNodeConfig()
	fs.BoolVar(&cfg.Notify.AllowPrivate, "notify-private", false, "let jobs' --notify-url name loopback, private and link-local addresses (a receiver on this network); off, a client cannot make the node post to its own machine's services")
	fs.DurationVar(&cfg.Stall.Default, "stall", cfg.Stall.Default, "take a lease back when its worker shows no progress this long and its speed in the job is not known yet (once known: 16x the task's time at its slowest pace, at least 2m); 0 turns the check off")
	fs.DurationVar(&cfg.Blocklist, "blocklist", cfg.Blocklist, "how long a node that fails task after task that others then render gets no leases")
	fs.DurationVar(&cfg.StragglerAfter, "straggler-after", cfg.StragglerAfter, "at a job's tail, lease a task a second time to an idle node once its lease has run this long and 3x the job's median; 0 never")
	mode := fs.String("mode", "always", "when this node renders: always; idle (only while the machine's owner leaves it idle: --idle-cpu, --idle-after, no keyboard or mouse input on X11 with xprintidle, not on battery); schedule (only inside --schedule); or idle,schedule (both)")
	schedule := fs.String("schedule", "", `weekly windows for --mode schedule, in local time: "mon-fri 22:00-08:00, sat,sun 00:00-24:00" (a window ending before it starts crosses midnight)`)
	idleCPU := fs.String("idle-cpu", "25%", "--mode idle: the machine counts as idle while processes other than this node use at most this share of its CPU")
	fs.DurationVar(&cfg.Availability.IdleAfter, "idle-after", cfg.Availability.IdleAfter, "--mode idle: how long the machine must stay idle before the node renders")
	fs.DurationVar(&cfg.Grace, "grace", cfg.Grace, "when the node stops rendering (its mode, conun node pause), leases expected to end within this are finished; the rest go back to their coordinators at once")
	limits := httplimit.DefaultConfig()
	fs.IntVar(&limits.MaxConns, "max-conns", limits.MaxConns, "connections each HTTP listener (client API, node RPC) holds at once; keep it well under ulimit -n")
	fs.IntVar(&limits.MaxConnsPerSource, "max-conns-per-source", limits.MaxConnsPerSource, "connections one IP address (an IPv6 /64) may hold on each listener; more are answered 429")
	fs.String("config", "", "read settings from this config file (written by conun node init; flags override it); default DATA/"+configName+" when it exists")
	printConfig := fs.Bool("print-config", false, "print the settings in effect (config file and flags) as a config file, and exit")
	logFormat := fs.String("log-format", "text", "the log on stderr: text (key=value lines) or json (one object a line)")
	logLevel := fs.String("log-level", "info", "the least important log records kept: debug (memberlist's chatter too), info, warn or error")
	if len(args) > 0 {
		switch args[0] {
		case "pause":
			return runNodePause(ctx, args[1:], stdout, true)
		case "resume":
			return runNodePause(ctx, args[1:], stdout, false)
		case "init":
			return nodeInit(fs, args[1:], os.Stdin, stdout)
		case "install-service":
			return installService(fs, args[1:], stdout)
		case "reprobe":
			return runNodeReprobe(ctx, args[1:], stdout)
		}
	}
	pos, err := parseNodeFlags(fs, args)
	if err != nil {
		return err
	}
	if *printConfig {
		return writeConfig(stdout, fs, false)
	}
	if cfg.Logger, err = newLogger(*logFormat, *logLevel, os.Stderr); err != nil {
		return err
	}
	cfg.Gossip.Logger = memberlistLog(cfg.Logger)
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	if limits.MaxConns < 1 || limits.MaxConnsPerSource < 1 {
		return fmt.Errorf("%w: --max-conns %d and --max-conns-per-source %d must be >= 1", errUsage, limits.MaxConns, limits.MaxConnsPerSource)
	}
	if *data == "" {
		return fmt.Errorf("%w: --data DIR is required", errUsage)
	}
	if retain.Memory < 0 || retain.Tiles < 0 {
		return fmt.Errorf("%w: --retain-jobs and --retain-tiles must be >= 0", errUsage)
	}
	if cfg.Stall.Default < 0 || cfg.Blocklist < 0 || cfg.StragglerAfter < 0 {
		return fmt.Errorf("%w: --stall, --blocklist and --straggler-after must be >= 0 (0 turns each off)", errUsage)
	}
	if err := availabilityFlags(&cfg.Availability, *mode, *schedule, *idleCPU); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if cfg.Grace < 0 {
		return fmt.Errorf("%w: --grace %v: must be >= 0", errUsage, cfg.Grace)
	}
	if *reprobeEvery < 0 {
		return fmt.Errorf("%w: --reprobe-every %v: must be >= 0 (0 never looks)", errUsage, *reprobeEvery)
	}
	cfg.Reprobe.Every = *reprobeEvery
	cfg.Retention = retain
	cfg.HTTP = limits
	cfg.DataDir = *data
	cfg.APIAddr = *api
	cfg.Slots = *slots
	cfg.Price, cfg.Credit = *price, *credit
	cfg.Delivery.PayClaims = *payClaims
	cfg.Threads = *threads
	cfg.CacheBytes = *cacheMax
	cfg.UploadLimit, cfg.DownloadLimit = *uploadLimit, *downloadLimit
	if err := uploadQuotas(&cfg.Uploads); err != nil {
		return err
	}
	cfg.Prefetch = *prefetch
	cfg.Calibrate = *calibrate
	if *memoryMax == 0 {
		return fmt.Errorf("%w: --memory-max 0: a render needs some memory; give a size such as 4GiB", errUsage)
	}
	if cfg.Gossip.BindAddr, cfg.Gossip.BindPort, err = splitHostPort(*gossip); err != nil {
		return fmt.Errorf("%w: --gossip: %w", errUsage, err)
	}
	cfg.Gossip.Fast = *fast
	switch *network {
	case "lan":
	case "wan":
		if *fast {
			return fmt.Errorf("%w: --fast-failure is for loopback clusters, not --network wan", errUsage)
		}
		// Heartbeats cross the internet: a lost packet or a slow home
		// uplink must not cost a worker its lease.
		cfg.Gossip.WAN = true
		cfg.HeartbeatInterval, cfg.HeartbeatTimeout = 5*time.Second, time.Minute
	default:
		return fmt.Errorf("%w: --network %q: want lan or wan", errUsage, *network)
	}
	if cfg.ListenAddr, err = listenAddr(*listen, cfg.Gossip.BindAddr, cfg.Gossip.BindPort); err != nil {
		return fmt.Errorf("%w: --listen: %w", errUsage, err)
	}
	cfg.Advertise = *advertise
	natSet := false
	fs.Visit(func(f *flag.Flag) { natSet = natSet || f.Name == "behind-nat" })
	cfg.BehindNAT = *behindNAT
	cfg.DetectNAT = !natSet
	if *behindNAT && (*listen != "" || *advertise != "") {
		return fmt.Errorf("%w: --behind-nat: a node behind NAT listens nowhere and is reached through its gateway: drop --listen and --advertise", errUsage)
	}
	if gossipKey.Value() != "" {
		if cfg.Gossip.SecretKey, err = decodeKey(gossipKey.Value()); err != nil {
			return fmt.Errorf("%w: --gossip-key: %w", errUsage, err)
		}
	}
	if *join != "" {
		cfg.Gossip.Join = strings.Split(*join, ",")
	}
	bo.Strict = true // strangers' scenes must be self-contained
	if bo.GPUs, err = sandbox.ParseGPUs(*gpus); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	kinds := withRaster(strings.Split(*rends, ","))
	for i := range kinds {
		kinds[i] = strings.TrimSpace(kinds[i])
	}
	if *keyFile == "" {
		*keyFile = filepath.Join(*data, "node.key")
	}
	if cfg.Identity, err = rpc.LoadIdentity(*keyFile); err != nil {
		return err
	}
	if cfg.Stake, cfg.MinStake, err = stakeFlags(*stake, *minStake, *chainF.url != "", len(cfg.Gossip.SecretKey) > 0); err != nil {
		return err
	}
	if cfg.Chain, err = chainF.client(ctx, cfg.Identity); err != nil {
		return err
	}
	if cfg.Name, err = nodeName(*data, *name, cfg.Identity.Address().Hex()); err != nil {
		return err
	}
	sb, noGPU, err := openSandbox(ctx, *sandboxMode, cfg.Name, bo, *memoryMax, kinds...)
	if err != nil {
		return err
	}
	gpuDevice(&bo, sb != nil, slices.Contains(kinds, "blender"), noGPU, cfg.Logger)
	if sb != nil {
		defer sb.Close()
		if n, err := sb.Reap(ctx); err != nil {
			return fmt.Errorf("remove leftover containers: %w", err)
		} else if n > 0 {
			fmt.Fprintf(stdout, "removed %d leftover containers of an earlier run\n", n)
		}
		cfg.Sandboxed, cfg.RenderMemory = true, *memoryMax
		if !bo.GPUs.None() {
			cfg.GPUs = bo.GPUs.String()
		}
		cfg.Availability.CPU = sandboxedCPU(ctx, sb)
	} else {
		if kinds, cfg.Refused, err = unsandboxedKinds(*sandboxMode, kinds, cfg.Logger); err != nil {
			return err
		}
		// RLIMIT_AS would be no honest cap: Blender and Go map far more
		// address space than they touch.
		cfg.Logger.Warn(fmt.Sprintf("--memory-max %s applies only in the Docker sandbox: these unsandboxed renders may take any memory", fs.Lookup("memory-max").Value))
	}
	for _, kind := range kinds {
		if kind == "" {
			continue
		}
		if kind == "gl" || kind == gl.RasterName {
			// The GPU is the owner's machine, not the job's: a node whose
			// GL stack does not come up still renders on the CPU.
			r, why := newGLKind(kind, *gpu, sb != nil, cfg.Logger)
			if r == nil {
				if cfg.Refused == nil {
					cfg.Refused = map[string]string{}
				}
				cfg.Refused[kind] = why
				continue
			}
			defer closeRenderer(r)
			cfg.Renderers = append(cfg.Renderers, r)
			continue
		}
		r, err := newRenderer(kind, sb, bo)
		if err != nil {
			return fmt.Errorf("--renderers: %w", err)
		}
		if d, ok := r.(interface{ DeviceNote() string }); ok && d.DeviceNote() != "" {
			cfg.Logger.Warn("--blender-device " + bo.Device + ": " + d.DeviceNote())
		}
		// Closed here, not only by the node: a start that fails later
		// never reaches the node, and a wrapper (wrapRenderer) hides
		// Close from it. Each leaves a Blender's work dir behind otherwise.
		defer closeRenderer(r)
		if wrapRenderer != nil {
			r = wrapRenderer(r)
		}
		cfg.Renderers = append(cfg.Renderers, r)
	}
	for _, spec := range renderCmds {
		kind, command, err := external.ParseSpec(spec)
		if err != nil {
			return fmt.Errorf("%w: --renderer-cmd: %w", errUsage, err)
		}
		r, err := external.New(kind, command, external.DefaultConfig())
		if err != nil {
			return fmt.Errorf("%w: --renderer-cmd %s: %w", errUsage, kind, err)
		}
		cfg.Renderers = append(cfg.Renderers, r)
	}
	if host, _, _ := strings.Cut(*api, ":"); !isLoopback(host) {
		if cfg.APIToken, err = apiToken(*data); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "node API is reachable from other machines: its admin token is in %s (a token per client: conun token create --name NAME)\n", filepath.Join(*data, "api-token"))
	}
	var resetNote string
	if *reset {
		if resetNote, err = resetStore(*data); err != nil {
			return err
		}
	}
	n, err := farm.StartNode(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "node %s: API %s, gossip %s, rpc %s, slots %d, renderers %s\n",
		n.Name(), n.URL(), n.GossipAddr(), n.RPCURL(), cfg.Slots, rendererNames(cfg.Renderers))
	if resetNote != "" {
		fmt.Fprintf(stdout, "node %s: %s\n", n.Name(), resetNote)
	}
	stopHangup := onHangup(ctx, func() { n.Reprobe(ctx) })
	<-ctx.Done()
	stopHangup() // a re-probe in progress ends before the node does
	fmt.Fprintf(stdout, "node %s: leaving the cluster\n", n.Name())
	return n.Close()
}

// listenAddr is the node RPC's address: the flag, or by default the gossip
// host with the port above gossip's (a random one when gossip's is), so a
// firewall opens two neighbouring ports.
func listenAddr(flagValue, gossipHost string, gossipPort int) (string, error) {
	if flagValue != "" {
		if _, _, err := splitHostPort(flagValue); err != nil {
			return "", err
		}
		return flagValue, nil
	}
	port := 0
	if gossipPort != 0 {
		port = gossipPort + 1
	}
	if port > 65535 {
		return "", fmt.Errorf("--gossip port %d leaves no port above it: pass --listen", gossipPort)
	}
	return net.JoinHostPort(gossipHost, strconv.Itoa(port)), nil
}

// nodeName returns the node's name: the flag, or the one kept in the data
// folder, or a new one (host name and the start of the key's address) that
// is then kept, so a restarted node is the same member.
func nodeName(dir, flagName, addr string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	p := filepath.Join(dir, "name")
	if flagName != "" {
		return flagName, os.WriteFile(p, []byte(flagName+"\n"), 0o644)
	}
	b, err := os.ReadFile(p)
	if err == nil && strings.TrimSpace(string(b)) != "" {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	host, _ := os.Hostname()
	name := fmt.Sprintf("%s-%s", host, strings.ToLower(addr[2:10]))
	return name, os.WriteFile(p, []byte(name+"\n"), 0o644)
}

func rendererNames(rs []renderer.Renderer) string {
	var names []string
	for _, r := range rs {
		names = append(names, r.Name()+" "+r.Version())
	}
	return strings.Join(names, ", ")
}

// isLoopback reports whether an API host only accepts local connections.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// apiToken returns the token kept in the data folder, creating it once.
func apiToken(dir string) (string, error) {
	p := filepath.Join(dir, "api-token")
	if b, err := os.ReadFile(p); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return strings.TrimSpace(string(b)), nil
	}
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	tok := hex.EncodeToString(b[:])
	return tok, os.WriteFile(p, []byte(tok+"\n"), 0o600)
}

// decodeKey reads a gossip key written as hex or base64.
func decodeKey(s string) ([]byte, error) {
	if b, err := hex.DecodeString(s); err == nil {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return nil, errors.New("not hex or base64")
}
