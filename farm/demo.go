package farm

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
)

// DemoConfig describes an in-process demo: a cluster of nodes on loopback
// rendering one job.
type DemoConfig struct {
	// Nodes is the cluster size.
	Nodes int
	// NewRenderers builds each node's backends; every node gets its own.
	NewRenderers func() ([]renderer.Renderer, error)
	// SceneName and Scene are the scene file's name and bytes.
	SceneName string
	Scene     []byte
	// Spec holds the job's parameters; Scene and SceneName are filled in.
	Spec api.JobSpec
	// Out receives the frames and report.json.
	Out string
	// Progress, if set, sees every event of the job.
	Progress func(api.Event)
	// Chain runs the job's money on an in-process simulated chain: the
	// first node is the requester, nodes ask Prices[i] tokens per task.
	Chain bool
	// Prices are the nodes' prices per task (cycled); only with Chain.
	Prices []api.Tokens
	// Stake is what each node but the first bonds (with Chain); they are
	// given the tokens for it.
	Stake api.Tokens
	// Change, if set, adjusts node i's config before it starts (tests put
	// a cheating renderer on one node this way).
	Change func(i int, c *NodeConfig)
	// OnFinish, if set, is called after a successful job with the nodes and
	// their wallets, once every claim has landed.
	OnFinish func(nodes []*Node, wallets []api.WalletInfo)
	// OnStart, if set, is called with the nodes once the cluster has formed,
	// before the job is submitted (tests use it to kill a node mid-job).
	OnStart func(nodes []*Node)
}

// RunDemo starts the cluster, submits the job to the first node through the
// client API, waits for it, fetches the frames and writes report.json.
func RunDemo(ctx context.Context, cfg DemoConfig) (api.Report, error) {
	if cfg.Nodes < 1 {
		return api.Report{}, fmt.Errorf("--nodes %d: must be >= 1", cfg.Nodes)
	}
	work, err := os.MkdirTemp("", "conun-demo-")
	if err != nil {
		return api.Report{}, err
	}
	defer os.RemoveAll(work)

	var bank *contracts.Client
	if cfg.Chain {
		chain, deployer, err := startDemoChain(ctx, cfg.Nodes)
		if err != nil {
			return api.Report{}, err
		}
		defer chain.Close()
		bank = deployer
	}
	var nodes []*Node
	defer func() {
		for _, n := range nodes {
			n.Close()
		}
	}()
	for i := range cfg.Nodes {
		nc := DefaultNodeConfig()
		nc.Name = fmt.Sprintf("node-%d", i+1)
		nc.DataDir = filepath.Join(work, nc.Name)
		var err error
		if nc.Renderers, err = cfg.NewRenderers(); err != nil {
			return api.Report{}, err
		}
		nc.Gossip.Fast = true
		if bank != nil {
			// Development accounts are funded with Ether for gas; node i
			// signs with DevKey(i), so its node id is its payout address.
			nc.Identity = rpc.IdentityFromKey(contracts.DevKey(i))
			nc.Chain = bank.WithKey(contracts.DevKey(i))
			if len(cfg.Prices) > 0 {
				nc.Price = cfg.Prices[i%len(cfg.Prices)]
			}
			if i > 0 && !cfg.Stake.IsZero() {
				if _, err := bank.Mint(ctx, nc.Identity.Address(), cfg.Stake.Wei()); err != nil {
					return api.Report{}, err
				}
				nc.Stake = cfg.Stake
			}
		}
		if cfg.Change != nil {
			cfg.Change(i, &nc)
		}
		if i > 0 {
			nc.Gossip.Join = []string{nodes[0].GossipAddr()}
		}
		n, err := StartNode(ctx, nc)
		if err != nil {
			return api.Report{}, fmt.Errorf("start %s: %w", nc.Name, err)
		}
		nodes = append(nodes, n)
	}
	if err := WaitMembers(ctx, nodes, cfg.Nodes, 30*time.Second); err != nil {
		return api.Report{}, err
	}
	if cfg.OnStart != nil {
		cfg.OnStart(nodes)
	}

	c := api.NewClient(nodes[0].URL())
	spec := cfg.Spec
	spec.SceneName = cfg.SceneName
	if spec.Scene, err = c.Upload(ctx, cfg.Scene); err != nil {
		return api.Report{}, err
	}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		return api.Report{}, err
	}
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if cfg.Progress != nil {
			cfg.Progress(e)
		}
		return nil
	})
	if err != nil {
		return api.Report{}, err
	}
	rep, err := c.Report(ctx, id)
	if err != nil {
		return api.Report{}, err
	}
	if state != api.JobDone {
		return rep, fmt.Errorf("job %s %s: %s", id, state, rep.Error)
	}
	if _, err := c.Fetch(ctx, id, cfg.Out); err != nil {
		return rep, err
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	if err := os.WriteFile(filepath.Join(cfg.Out, "report.json"), append(b, '\n'), 0o644); err != nil {
		return rep, err
	}
	if cfg.OnFinish != nil {
		wallets, err := waitClaims(ctx, nodes, payees(rep), 30*time.Second)
		if err != nil {
			return rep, err
		}
		cfg.OnFinish(nodes, wallets)
	}
	return rep, nil
}

// waitClaims waits until every node has claimed (or failed to claim) what
// it holds, and every payee among them (by name) holds a claim: a claim is
// pushed to its worker after the settlement, so a wallet may not have it
// yet, and a demo read its balance before the pay (seen: 0 tokens).
func waitClaims(ctx context.Context, nodes []*Node, payees map[string]bool, timeout time.Duration) ([]api.WalletInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	last := []string{"not read yet"} // the last pass's waiting pay, for the error
	for {
		var wallets []api.WalletInfo
		var waiting []string
		for _, n := range nodes {
			w, err := api.NewClient(n.URL()).Wallet(ctx)
			if err != nil {
				if ctx.Err() != nil {
					return nil, fmt.Errorf("claims still pending after %v (%s)", timeout, strings.Join(last, ", "))
				}
				return nil, err
			}
			if payees[n.Name()] && w.Connected && len(w.Claims) == 0 {
				waiting = append(waiting, n.Name()+": no claim yet") // on its way
			}
			for _, cl := range w.Claims {
				if !cl.Claimed && cl.Error == "" {
					waiting = append(waiting, n.Name()+": "+cl.Status())
				}
			}
			wallets = append(wallets, w)
		}
		if len(waiting) == 0 {
			return wallets, nil
		}
		last = waiting
		select {
		case <-ctx.Done():
			return wallets, fmt.Errorf("claims still pending after %v (%s)", timeout, strings.Join(waiting, ", "))
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// payees are the nodes a settled job pays, by name.
func payees(rep api.Report) map[string]bool {
	out := map[string]bool{}
	if st := rep.Settlement; st != nil && st.Error == "" {
		for _, p := range st.Payouts {
			if p.Tasks > 0 {
				out[p.Node] = true
			}
		}
	}
	return out
}

// demoTokens is what the demo's requester (node 1) starts with.
var demoTokens = api.MustTokens("1000")

// startDemoChain starts a simulated chain, deploys the contracts with the
// first development key and gives it tokens to pay for the demo's job.
func startDemoChain(ctx context.Context, nodes int) (*contracts.Chain, *contracts.Client, error) {
	sc := contracts.DefaultSimConfig()
	sc.Accounts = max(sc.Accounts, nodes)
	chain, deployer, err := contracts.NewSimulatedEscrow(ctx, sc)
	if err != nil {
		return nil, nil, err
	}
	if _, err := deployer.Mint(ctx, deployer.Address(), demoTokens.Wei()); err != nil {
		chain.Close()
		return nil, nil, fmt.Errorf("mint requester tokens: %w", err)
	}
	return chain, deployer, nil
}

// WaitMembers waits until every node sees want live members.
func WaitMembers(ctx context.Context, nodes []*Node, want int, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		ok := true
		for _, n := range nodes {
			// A count, not a copy of the list: at 200 nodes a copy
			// each is 40,000 members copied 50 times a second.
			if n.cluster.Len() != want {
				ok = false
				break
			}
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("cluster did not form: want %d members on every node within %v", want, timeout)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
