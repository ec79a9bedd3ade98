package contracts

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
)

// ErrNotSimulated is returned by operations only an in-process simulated chain
// can do, such as moving its clock.
var ErrNotSimulated = errors.New("only the simulated chain can do this")

// Backend is what the client needs of a chain connection: contract calls and
// transactions, receipts, logs, balances and the chain id. Both *ethclient.Client
// and the simulated backend's client satisfy it.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
	ethereum.ChainIDReader
	BalanceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (*big.Int, error)
}

// Chain is a connection to an Ethereum chain: either go-ethereum's in-process
// simulated chain (NewSimulated), which mines a block for every transaction, or
// any JSON-RPC node (Dial). A Chain is safe for concurrent use.
type Chain struct {
	backend  Backend
	chainID  *big.Int
	sim      *simulated.Backend // nil unless in-process
	simMu    sync.Mutex         // orders send+commit and clock moves on sim
	accounts []*ecdsa.PrivateKey
	close    func() error

	locksMu sync.Mutex
	locks   map[common.Address]*sync.Mutex
}

// SimConfig configures the in-process simulated chain.
type SimConfig struct {
	// Accounts is how many development accounts DevKey(0..Accounts-1) are
	// funded with Ether at genesis.
	Accounts int
	// BalanceWei is the Ether each development account starts with.
	BalanceWei *big.Int
	// BlockGasLimit bounds every block, and so the largest transaction.
	BlockGasLimit uint64
	// MainnetRules clears the future forks (Bogota, Amsterdam) the simulated
	// chain enables by default, whose storage gas is several times today's
	// mainnet. Gas figures meant to compare with mainnet need it.
	MainnetRules bool
}

// DefaultSimConfig returns a chain with 10 accounts of a million Ether each and
// mainnet's 30M block gas limit, under the simulated chain's default rules.
func DefaultSimConfig() SimConfig {
	return SimConfig{
		Accounts:      10,
		BalanceWei:    new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(1e18)),
		BlockGasLimit: 30_000_000,
	}
}

// DevKey returns the i-th development key. The keys are derived from a fixed
// seed so that separate processes (and people) can name the same funded
// accounts of a development chain; never use them on a public chain.
func DevKey(i int) *ecdsa.PrivateKey {
	seed := crypto.Keccak256([]byte("conun dev account " + strconv.Itoa(i)))
	key, err := crypto.ToECDSA(seed)
	if err != nil {
		// A keccak output is a valid secp256k1 key except with negligible
		// probability, and the inputs are fixed: this is a programming error.
		panic(fmt.Sprintf("dev key %d: %v", i, err))
	}
	return key
}

// genesisOptions returns the node options shared by the in-process chain and
// the development chain server.
func genesisOptions(cfg SimConfig) []func(*node.Config, *ethconfig.Config) {
	opts := []func(*node.Config, *ethconfig.Config){simulated.WithBlockGasLimit(cfg.BlockGasLimit)}
	if cfg.MainnetRules {
		opts = append(opts, func(_ *node.Config, ec *ethconfig.Config) {
			// Copy: the config is a package-level value shared by every chain.
			c := *ec.Genesis.Config
			c.BogotaTime = nil
			c.AmsterdamTime = nil
			ec.Genesis.Config = &c
		})
	}
	return opts
}

func devAlloc(cfg SimConfig) (types.GenesisAlloc, []*ecdsa.PrivateKey) {
	alloc := make(types.GenesisAlloc, cfg.Accounts)
	keys := make([]*ecdsa.PrivateKey, cfg.Accounts)
	for i := range keys {
		keys[i] = DevKey(i)
		alloc[crypto.PubkeyToAddress(keys[i].PublicKey)] = types.Account{Balance: new(big.Int).Set(cfg.BalanceWei)}
	}
	return alloc, keys
}

// NewSimulated starts an in-process simulated chain (chain id 1337) with funded
// development accounts. Every transaction is mined into its own block as soon
// as it is sent, so waiting for a receipt never blocks. Close releases it.
func NewSimulated(cfg SimConfig) (*Chain, error) {
	if cfg.Accounts < 1 {
		return nil, fmt.Errorf("simulated chain: %d accounts: need at least 1", cfg.Accounts)
	}
	if cfg.BalanceWei == nil || cfg.BalanceWei.Sign() <= 0 {
		return nil, fmt.Errorf("simulated chain: balance %v: must be above zero", cfg.BalanceWei)
	}
	alloc, keys := devAlloc(cfg)
	sim := simulated.NewBackend(alloc, genesisOptions(cfg)...)
	c := &Chain{
		chainID:  big.NewInt(1337),
		sim:      sim,
		accounts: keys,
		close:    sim.Close,
		locks:    make(map[common.Address]*sync.Mutex),
	}
	c.backend = &autoCommit{Client: sim.Client(), chain: c}
	return c, nil
}

// Dial connects to a JSON-RPC node such as geth --dev or ServeDevChain. Its
// accounts are unknown to the Chain: pass keys to the client.
func Dial(ctx context.Context, url string) (*Chain, error) {
	ec, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("dial chain %s: %w", url, err)
	}
	id, err := ec.ChainID(ctx)
	if err != nil {
		ec.Close()
		return nil, fmt.Errorf("chain %s: chain id: %w", url, err)
	}
	return &Chain{
		backend: ec,
		chainID: id,
		close:   func() error { ec.Close(); return nil },
		locks:   make(map[common.Address]*sync.Mutex),
	}, nil
}

// Backend returns the connection, for callers that need more than the client.
func (c *Chain) Backend() Backend { return c.backend }

// ChainID returns the chain id transactions are signed for.
func (c *Chain) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Accounts returns the funded development keys of a simulated chain (nil for a
// dialled one).
func (c *Chain) Accounts() []*ecdsa.PrivateKey { return c.accounts }

// Simulated reports whether the chain is the in-process simulated one.
func (c *Chain) Simulated() bool { return c.sim != nil }

// Now returns the timestamp of the latest block: deadlines and delays in the
// contracts are measured against it, not against the local clock.
func (c *Chain) Now(ctx context.Context) (time.Time, error) {
	h, err := c.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return time.Time{}, fmt.Errorf("latest block: %w", err)
	}
	return time.Unix(int64(h.Time), 0), nil
}

// AdjustTime moves the simulated chain's clock forward by d, mining a block.
func (c *Chain) AdjustTime(d time.Duration) error {
	if c.sim == nil {
		return ErrNotSimulated
	}
	c.simMu.Lock()
	defer c.simMu.Unlock()
	// The transaction pool drops mined transactions asynchronously after a
	// commit, and AdjustTime refuses while the pool still lists one; nothing is
	// actually pending (every send commits under simMu), so wait for the pool.
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := c.sim.AdjustTime(d)
		if err == nil {
			return nil
		}
		if !strings.Contains(err.Error(), "non-empty block") || time.Now().After(deadline) {
			return fmt.Errorf("adjust time by %v: %w", d, err)
		}
		time.Sleep(time.Millisecond)
	}
}

// Close releases the chain (and stops a simulated one).
func (c *Chain) Close() error { return c.close() }

// lockAccount serialises the transactions of one sender, so that two clients
// sharing a key never pick the same nonce.
func (c *Chain) lockAccount(a common.Address) func() {
	c.locksMu.Lock()
	m, ok := c.locks[a]
	if !ok {
		m = new(sync.Mutex)
		c.locks[a] = m
	}
	c.locksMu.Unlock()
	m.Lock()
	return m.Unlock
}

// waitMined polls for the receipt of tx, every 5 ms at first and backing off
// to once a second. bind.WaitMined polls once a second from the start, which
// would make every transaction on a local chain cost a second.
func (c *Chain) waitMined(ctx context.Context, tx common.Hash) (*types.Receipt, error) {
	wait := 5 * time.Millisecond
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		r, err := c.backend.TransactionReceipt(ctx, tx)
		if err == nil {
			return r, nil
		}
		// A node that is still indexing transactions answers with an error
		// rather than "not found"; both mean "not yet".
		if !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "transaction indexing is in progress") {
			return nil, fmt.Errorf("receipt of %s: %w", tx, err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for %s: %w", tx, ctx.Err())
		case <-t.C:
			wait = min(2*wait, time.Second)
			t.Reset(wait)
		}
	}
}

// autoCommit mines a block after every transaction sent to the simulated chain,
// as a dev node would; without it receipts never appear.
type autoCommit struct {
	simulated.Client
	chain *Chain
}

// SendTransaction sends tx and mines it into a block of its own.
func (a *autoCommit) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	a.chain.simMu.Lock()
	defer a.chain.simMu.Unlock()
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	a.chain.sim.Commit()
	return nil
}

var _ Backend = (*autoCommit)(nil)
var _ Backend = (*ethclient.Client)(nil)
