package contracts

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/big"
	"net"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// DevChainConfig configures a development chain served over JSON-RPC.
type DevChainConfig struct {
	// Addr is the host:port to serve HTTP JSON-RPC on; port 0 picks a free one.
	Addr string
	// Chain sets the funded accounts, gas limit and fork rules.
	Chain SimConfig
	// Deploy deploys the token and escrow from DevKey(0) and mints TokensEach
	// to every account, so a cluster can start paying at once. The addresses
	// are always the same (DevAddresses), as they follow from key and nonce.
	Deploy bool
	// TokensEach is how many whole tokens each account gets when Deploy is set.
	TokensEach int64
	// Escrow is the escrow's rules when Deploy is set.
	Escrow Config
	// BlockPeriod mines a block every so many seconds, empty or not; 0
	// mines one per transaction, on demand, as geth --dev does. On demand,
	// chain time stands still between transactions, so a delay (unstake,
	// a grace) passes only at the next transaction: a period lets it pass
	// by itself, as on a real chain.
	BlockPeriod uint64
	// Ready, when set, is called once the chain answers, with its URL and
	// deployment (zero when Deploy is unset); tests use it to find port 0.
	Ready func(url string, addrs Addresses)
}

// DefaultDevChainConfig serves on 127.0.0.1:8545 with DefaultSimConfig's
// accounts, deploys the contracts with DefaultConfig's rules and gives every
// account a million tokens.
func DefaultDevChainConfig() DevChainConfig {
	return DevChainConfig{
		Addr:       "127.0.0.1:8545",
		Chain:      DefaultSimConfig(),
		Deploy:     true,
		TokensEach: 1_000_000,
		Escrow:     DefaultConfig(),
	}
}

// DevAddresses returns where a development chain's deployment lives: the first
// two contracts created by DevKey(0).
func DevAddresses() Addresses {
	deployer := crypto.PubkeyToAddress(DevKey(0).PublicKey)
	return Addresses{
		Token:  crypto.CreateAddress(deployer, 0),
		Escrow: crypto.CreateAddress(deployer, 1),
	}
}

// ServeDevChain runs a development chain, like geth --dev but inside this
// process and needing nothing outside Go modules: go-ethereum's simulated
// beacon mines a block as soon as a transaction arrives, and the node serves
// eth, net and web3 over HTTP JSON-RPC at cfg.Addr. It prints the URL, the
// deployment and the funded accounts with their private keys (development
// keys, public by design) to w, and serves until ctx is done.
func ServeDevChain(ctx context.Context, cfg DevChainConfig, w io.Writer) error {
	host, portStr, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return fmt.Errorf("dev chain --listen %q: want host:port, e.g. 127.0.0.1:8545: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 0 || port > 65535 {
		return fmt.Errorf("dev chain --listen %q: port must be a number from 0 to 65535", cfg.Addr)
	}
	if cfg.Chain.Accounts < 1 || cfg.Chain.BalanceWei == nil {
		return fmt.Errorf("dev chain: %d accounts with balance %v: need at least one funded account", cfg.Chain.Accounts, cfg.Chain.BalanceWei)
	}

	nodeConf := node.DefaultConfig
	nodeConf.DataDir = "" // in memory: a dev chain starts fresh every time
	nodeConf.P2P = p2p.Config{NoDiscovery: true}
	nodeConf.HTTPHost = host
	nodeConf.HTTPPort = port
	nodeConf.HTTPModules = []string{"eth", "net", "web3"}
	// Any Host header: cluster members may name this machine by any name.
	nodeConf.HTTPVirtualHosts = []string{"*"}

	alloc, keys := devAlloc(cfg.Chain)
	genesisAlloc := core.SystemContractAllocs()
	maps.Copy(genesisAlloc, alloc)
	ethConf := ethconfig.Defaults
	ethConf.Genesis = &core.Genesis{
		Config:   params.AllDevChainProtocolChanges,
		GasLimit: ethconfig.Defaults.Miner.GasCeil,
		Alloc:    genesisAlloc,
	}
	ethConf.SyncMode = ethconfig.FullSync
	ethConf.TxPool.NoLocals = true
	for _, opt := range genesisOptions(cfg.Chain) {
		opt(&nodeConf, &ethConf)
	}

	stack, err := node.New(&nodeConf)
	if err != nil {
		return fmt.Errorf("dev chain: %w", err)
	}
	defer stack.Close()
	backend, err := eth.New(stack, &ethConf)
	if err != nil {
		return fmt.Errorf("dev chain: %w", err)
	}
	stack.RegisterAPIs([]rpc.API{{
		Namespace: "eth",
		Service:   filters.NewFilterAPI(filters.NewFilterSystem(backend.APIBackend, filters.Config{})),
	}})
	// Period 0 mines on demand; the beacon is a lifecycle of the stack, so
	// stack.Close stops its goroutines. This is what geth --dev does.
	beacon, err := catalyst.NewSimulatedBeacon(cfg.BlockPeriod, common.Address{}, backend)
	if err != nil {
		return fmt.Errorf("dev chain: beacon: %w", err)
	}
	catalyst.RegisterSimulatedBeaconAPIs(stack, beacon)
	stack.RegisterLifecycle(beacon)
	if err := stack.Start(); err != nil {
		return fmt.Errorf("dev chain: listen on %s: %w", cfg.Addr, err)
	}
	url := stack.HTTPEndpoint()

	var addrs Addresses
	if cfg.Deploy {
		addrs, err = deployDev(ctx, url, cfg, keys)
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "conun dev chain: chain id %v, JSON-RPC at %s\n", ethConf.Genesis.Config.ChainID, url)
	if cfg.Deploy {
		fmt.Fprintf(w, "token  %s\nescrow %s\n", addrs.Token, addrs.Escrow)
	}
	fmt.Fprintf(w, "funded accounts (development keys: never use them on a public chain):\n")
	for i, k := range keys {
		fmt.Fprintf(w, "  %2d  %s  key %x\n", i, crypto.PubkeyToAddress(k.PublicKey), crypto.FromECDSA(k))
	}
	if cfg.Ready != nil {
		cfg.Ready(url, addrs)
	}
	<-ctx.Done()
	if err := stack.Close(); err != nil && !errors.Is(err, node.ErrNodeStopped) {
		return fmt.Errorf("dev chain: stop: %w", err)
	}
	return nil
}

// deployDev deploys and funds through the chain's own JSON-RPC endpoint, the
// same path every other process will use.
func deployDev(ctx context.Context, url string, cfg DevChainConfig, keys []*ecdsa.PrivateKey) (Addresses, error) {
	chain, err := Dial(ctx, url)
	if err != nil {
		return Addresses{}, err
	}
	defer chain.Close()
	c, err := Deploy(ctx, chain, keys[0], cfg.Escrow)
	if err != nil {
		return Addresses{}, fmt.Errorf("dev chain: %w", err)
	}
	each := new(big.Int).Mul(big.NewInt(cfg.TokensEach), big.NewInt(1e18))
	if each.Sign() > 0 {
		for _, k := range keys {
			if _, err := c.Mint(ctx, crypto.PubkeyToAddress(k.PublicKey), each); err != nil {
				return Addresses{}, fmt.Errorf("dev chain: %w", err)
			}
		}
	}
	return c.Addresses(), nil
}
