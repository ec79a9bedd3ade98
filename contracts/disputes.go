package contracts

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// What the farm needs to run disputes on top of the escrow's dispute,
// drawArbiters, vote and resolve (client.go): the rules, the slashed result
// (only its event keeps the task and result hash), and the draws.

// DisputeRules are the escrow's dispute settings, fixed at deploy.
type DisputeRules struct {
	Bond   *big.Int      // what a dispute costs (and an arbiter's least stake)
	Window time.Duration // after a slash, to dispute it
	Vote   time.Duration // after the draw, to vote
}

// DisputeRules reads the deployment's dispute settings.
func (c *Client) DisputeRules(ctx context.Context) (DisputeRules, error) {
	bond, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackDisputeBond(), c.escB.UnpackDisputeBond)
	if err != nil {
		return DisputeRules{}, fmt.Errorf("dispute bond: %w", c.errs.decode(err))
	}
	window, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackDisputeWindow(), c.escB.UnpackDisputeWindow)
	if err != nil {
		return DisputeRules{}, fmt.Errorf("dispute window: %w", c.errs.decode(err))
	}
	vote, err := bind.Call(c.escrow, c.callOpts(ctx), c.escB.PackVoteWindow(), c.escB.UnpackVoteWindow)
	if err != nil {
		return DisputeRules{}, fmt.Errorf("vote window: %w", c.errs.decode(err))
	}
	return DisputeRules{Bond: bond, Window: time.Duration(window) * time.Second, Vote: time.Duration(vote) * time.Second}, nil
}

// Event ids of the logs the farm follows.
var (
	slashedTopic       = crypto.Keccak256Hash([]byte("Slashed(bytes32,address,uint256,bytes32,uint256,bytes32)"))
	checkSlashedTopic  = crypto.Keccak256Hash([]byte("CheckSlashed(bytes32,address,uint256,bytes32,uint256,bytes32,bytes32)"))
	arbitersDrawnTopic = crypto.Keccak256Hash([]byte("ArbitersDrawn(bytes32,address,address[3],uint64)"))
	disputedTopic      = crypto.Keccak256Hash([]byte("Disputed(bytes32,address,uint64)"))
	votedTopic         = crypto.Keccak256Hash([]byte("Voted(bytes32,address,address,bool)"))
)

// VotedQuery is the log filter of the votes on node's dispute in jobID.
func (c *Client) VotedQuery(jobID common.Hash, node common.Address) ethereum.FilterQuery {
	return ethereum.FilterQuery{
		Addresses: []common.Address{c.addrs.Escrow},
		Topics:    [][]common.Hash{{votedTopic}, {jobID}, {common.BytesToHash(node.Bytes())}},
	}
}

// SlashedResult returns the task and result hash node was slashed for in
// jobID, as the escrow checked its signature: what a dispute is about. The
// conviction's slot keeps only the amount, so it is read from the Slashed
// event (one log query over the job's topics).
func (c *Client) SlashedResult(ctx context.Context, jobID common.Hash, node common.Address) (task uint64, resultHash common.Hash, err error) {
	logs, err := c.chain.backend.FilterLogs(ctx, ethereum.FilterQuery{
		Addresses: []common.Address{c.addrs.Escrow},
		Topics:    [][]common.Hash{{slashedTopic}, {jobID}, {common.BytesToHash(node.Bytes())}},
	})
	if err != nil {
		return 0, common.Hash{}, fmt.Errorf("slash of %s in %s: %w", node, jobID, err)
	}
	for _, l := range logs {
		ev, err := c.escB.UnpackSlashedEvent(&l)
		if err != nil {
			continue
		}
		return ev.Task.Uint64(), ev.ResultHash, nil
	}
	return 0, common.Hash{}, fmt.Errorf("slash of %s in %s: %w", node, jobID, ErrNotDisputable)
}

// SlashedCheck returns the spot check node was slashed for in jobID as a
// checker, as the escrow checked its signature: the task, the hash of its
// crop windows (CropsHash) and the hash of its render of them. It fails
// with ErrNotDisputable where node was not slashed as a checker.
func (c *Client) SlashedCheck(ctx context.Context, jobID common.Hash, node common.Address) (task uint64, crops, renderHash common.Hash, err error) {
	logs, err := c.chain.backend.FilterLogs(ctx, ethereum.FilterQuery{
		Addresses: []common.Address{c.addrs.Escrow},
		Topics:    [][]common.Hash{{checkSlashedTopic}, {jobID}, {common.BytesToHash(node.Bytes())}},
	})
	if err != nil {
		return 0, common.Hash{}, common.Hash{}, fmt.Errorf("check slash of %s in %s: %w", node, jobID, err)
	}
	for _, l := range logs {
		ev, err := c.escB.UnpackCheckSlashedEvent(&l)
		if err != nil {
			continue
		}
		return ev.Task.Uint64(), ev.Crops, ev.RenderHash, nil
	}
	return 0, common.Hash{}, common.Hash{}, fmt.Errorf("check slash of %s in %s: %w", node, jobID, ErrNotDisputable)
}

// ArbiterDraw is a dispute whose arbiters were drawn.
type ArbiterDraw struct {
	JobID      common.Hash
	Node       common.Address // the accused
	Arbiters   []common.Address
	VotingEnds time.Time
	Block      uint64
}

// DisputeLogsQuery is the log filter of every dispute opened (or its draw
// moved) and every draw of the deployment, from block from on (to nil: up
// to the latest): ParseDisputed reads the first, ParseArbitersDrawn the
// second.
func (c *Client) DisputeLogsQuery(from uint64, to *big.Int) ethereum.FilterQuery {
	return ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from), ToBlock: to,
		Addresses: []common.Address{c.addrs.Escrow},
		Topics:    [][]common.Hash{{arbitersDrawnTopic, disputedTopic}},
	}
}

// DisputeOpened is a dispute whose arbiters are to be drawn from the hash
// of block DrawBlock, once it is mined.
type DisputeOpened struct {
	JobID     common.Hash
	Node      common.Address // the accused
	DrawBlock uint64
}

// ParseDisputed decodes a Disputed log of DisputeLogsQuery: a dispute
// opened, or its draw moved to a later block (the draw block's hash was
// gone). It fails on any other log.
func (c *Client) ParseDisputed(l types.Log) (DisputeOpened, error) {
	if len(l.Topics) == 0 || l.Topics[0] != disputedTopic {
		return DisputeOpened{}, fmt.Errorf("not a Disputed log")
	}
	ev, err := c.escB.UnpackDisputedEvent(&l)
	if err != nil {
		return DisputeOpened{}, err
	}
	return DisputeOpened{JobID: ev.JobId, Node: ev.Node, DrawBlock: ev.DrawBlock}, nil
}

// ParseArbitersDrawn decodes a log of ArbitersDrawnQuery.
func (c *Client) ParseArbitersDrawn(l types.Log) (ArbiterDraw, error) {
	ev, err := c.escB.UnpackArbitersDrawnEvent(&l)
	if err != nil {
		return ArbiterDraw{}, err
	}
	d := ArbiterDraw{JobID: ev.JobId, Node: ev.Node, VotingEnds: time.Unix(int64(ev.VotingEnds), 0), Block: l.BlockNumber}
	for _, a := range ev.Arbiters {
		if a != (common.Address{}) {
			d.Arbiters = append(d.Arbiters, a)
		}
	}
	return d, nil
}

// HeadSubscriber is a connection that pushes new blocks (the simulated
// chain, a websocket or IPC node); a plain HTTP endpoint cannot.
type HeadSubscriber interface {
	SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error)
}

// WithBackend returns a chain that talks through wrap(backend): the same
// chain, seen through a wrapper (tests count calls with it). Transactions of
// one key should go through one of the two (they serialise nonces apart),
// and the simulated clock is moved through the original.
func (c *Chain) WithBackend(wrap func(Backend) Backend) *Chain {
	return &Chain{
		backend: wrap(c.backend), chainID: c.chainID, sim: c.sim, accounts: c.accounts,
		close: func() error { return nil }, locks: make(map[common.Address]*sync.Mutex),
	}
}

// On returns a client for the same key and deployment on chain (a
// WithBackend view of its chain).
func (c *Client) On(chain *Chain) *Client {
	d := *c
	d.chain = chain
	d.bind()
	return &d
}

// receiptPaidTopic is the id of the escrow's ReceiptPaid log.
var receiptPaidTopic = crypto.Keccak256Hash([]byte("ReceiptPaid(bytes32,address,uint256,uint256)"))

// ReceiptBonus returns what node was paid in jobID beyond Paid: the share
// of the requester's bond a receipt redeemed before settlement adds
// (claimByReceipts on a job past its deadline). The paid mapping keeps only
// the work's pay, so it is summed from the ReceiptPaid events (one log
// query over the job's topics).
func (c *Client) ReceiptBonus(ctx context.Context, jobID common.Hash, node common.Address) (*big.Int, error) {
	logs, err := c.chain.backend.FilterLogs(ctx, ethereum.FilterQuery{
		Addresses: []common.Address{c.addrs.Escrow},
		Topics:    [][]common.Hash{{receiptPaidTopic}, {jobID}, {common.BytesToHash(node.Bytes())}},
	})
	if err != nil {
		return nil, fmt.Errorf("receipt bonus of %s in %s: %w", node, jobID, err)
	}
	sum := new(big.Int)
	for _, l := range logs {
		ev, err := c.escB.UnpackReceiptPaidEvent(&l)
		if err != nil {
			return nil, fmt.Errorf("receipt bonus of %s in %s: %w", node, jobID, err)
		}
		sum.Add(sum, ev.Bonus)
	}
	return sum, nil
}
