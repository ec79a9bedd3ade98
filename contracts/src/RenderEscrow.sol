// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title RenderEscrow
/// @notice Holds render budgets in escrow, bonds node stakes, pays verified work
/// through one Merkle root per job or through the requester's signed receipts,
/// and slashes nodes convicted on their own signed results.
///
/// @dev Nobody has to trust the requester to be paid, and nobody can take a
/// node's stake without that node's own signature over a result of the job.
///
/// Life of a job, and the rule that keeps funds from being stranded:
///
/// 1. `openJob` locks `budget` tokens of the requester under `jobId` (the hash of
///    the job spec) until `deadline`, plus a requester bond of
///    `budget * requesterBondBps / 10000`.
/// 2. While the job runs, the requester's coordinator signs an EIP-712 `Receipt`
///    for each worker each time it accepts one of its tasks. Receipts are
///    cumulative: (job, worker, amount owed so far, tasks so far, hash chain of
///    the results), so a worker keeps only its latest one, and one signature
///    check pays any number of tasks.
/// 3. Before settle the requester may `reserve` part of the budget for a
///    worker: every payment to that worker, by leaf or receipt, takes its
///    reservation first, and no payment to anyone else touches it, so what
///    the requester's receipts and leaves owe a worker within its reservation
///    is paid whatever else the requester signs or settles.
/// 4. Up to and including `deadline`, the requester may `settle` once, committing
///    a Merkle root over (node, amount) leaves and a `total`: what the leaves
///    draw beyond their nodes' reservations, no larger than the budget. Each
///    leaf is paid during `claimWindow`, to its node whoever
///    sends it: the coordinator sends `claimForMany` right after settle, so a
///    worker with no Ether is paid, and a node may `claim` its own leaf. Nothing leaves at
///    settle: what neither the tree nor a reservation holds, and the bond, stay for `reclaimGrace`, during which
///    a worker whose receipt says more than its leaf is paid the difference from
///    them (`claimByReceipts`). Holding them is what makes a receipt worth
///    something: a tree that leaves a receipted worker out cannot take that
///    worker's money back to the requester, unless its total takes the
///    budget too (leaves nobody claims, or the requester's own): then nothing
///    is held, and only reservations pay receipts. Leaves are not open to
///    receipts, so that a leaf stays its node's for the whole claim window
///    (see contracts/README.md, known limits).
/// 5. A job never settled pays its receipts from the budget after the deadline,
///    for `reclaimGrace`, and each such payment also takes the same share of the
///    requester's bond for the worker (`requesterBondBps` of what it is paid):
///    stalling costs the requester more than settling.
/// 6. No worker is paid more than the larger of its leaf and its receipt for a
///    job (`paid` counts both routes), and no job pays more than its budget in
///    total (each payment takes its worker's reservation first; beyond it,
///    leaves draw on `total` and receipts on what neither holds).
/// 7. `reclaim` returns to the requester what can no longer be owed: the rest of
///    the budget and the bond once the receipt grace is over, and unclaimed
///    leaves and reservations once the claim window is over. Anyone may call
///    it; the tokens always go to the requester.
///
/// Slashing: the requester (whose coordinator ran the checks) may slash a node
/// only with that node's EIP-712 signature over a `Result` of this job (job id,
/// task, result hash), or, for a node that lied as a checker, over a `Check`
/// of this job (job id, task, crop windows, hash of its render of them), once
/// per node and job, up to the job's cap. The slashed
/// tokens are burned: they stay in this contract for good (`burned` counts
/// them; no function can move them). Burning was chosen over the other two
/// options because it is the only one nobody can profit from: paying the
/// checkers lets a requester pick its own sybil nodes as checkers and collect,
/// and a treasury is a party someone controls. The requester therefore never
/// gains from a conviction; a wrongful one costs it gas and gains it nothing.
///
/// Disputes: a convicted node may `dispute` within `disputeWindow` of the slash
/// by posting `disputeBond`. Slashes come before settle and `disputeWindow` is
/// at most `reclaimGrace`, so a dispute opens before the requester's bond can
/// be reclaimed. Up to three arbiters are drawn from the stakers by
/// the hash of the block after the dispute (not chosen by the requester), never
/// the requester, the accused, a node paid by the job or convicted in it, and
/// each with at least `disputeBond` of active stake. They re-render the
/// evidence off chain and `vote` within `voteWindow`; `resolve` then applies the
/// majority. Innocent: the stake comes back unburned, the bond comes back, and
/// the requester pays the re-render from its job bond (up to one dispute bond,
/// shared by the voters). Guilty or a tie: the slash stands and the node's bond
/// pays the voters. Nobody voted: the slash stands and the bond comes back (no
/// re-render to pay). A job with an open dispute cannot be reclaimed, so the
/// requester's bond is there to pay. Without a dispute none of this costs a
/// transaction. The block hash can be nudged by a block proposer; a
/// commit-reveal draw would remove that, at one more transaction per dispute.
contract RenderEscrow is ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice Where a job is in its life.
    enum Status {
        None,
        Open,
        Settled,
        Closed
    }

    /// @notice What the escrow knows of a job, packed into five slots so that
    /// settling writes one new slot (the root) and a claim updates one word.
    struct Job {
        address requester;
        uint40 deadline;
        uint40 settledAt;
        Status status;
        uint128 budget;
        // unclaimed is what a settled job's tree still holds for its leaves.
        uint128 unclaimed;
        // held is the budget outside the tree: the whole budget until settle,
        // budget - total after it; receipts are paid from it.
        uint128 held;
        // bond is what is left of the requester's bond.
        uint128 bond;
        uint128 slashed;
        // reserved is what reservations hold for their workers and have not
        // paid yet; it shares the slashed slot.
        uint128 reserved;
        bytes32 root;
    }

    /// @notice A node's bond: `active` can be slashed and unstaked, `pending`
    /// waits for `unlockAt` and can still be slashed until it leaves.
    struct StakeInfo {
        uint128 active;
        uint128 pending;
        uint64 unlockAt;
    }

    /// @notice One worker's share in a `reserve`.
    struct Reservation {
        address worker;
        uint256 amount;
    }

    /// @notice One leaf claim in a batch.
    struct Claim {
        bytes32 jobId;
        uint256 amount;
        bytes32[] proof;
    }

    /// @notice One leaf claim submitted on its node's behalf: `node` is paid,
    /// whoever sends it.
    struct NodeClaim {
        bytes32 jobId;
        address node;
        uint256 amount;
        bytes32[] proof;
    }

    /// @notice A requester's signed acceptance of a worker's tasks in one job;
    /// the worker is the caller of `claimByReceipts`. `amount` is cumulative:
    /// everything accepted from the worker in the job so far.
    struct SignedReceipt {
        bytes32 jobId;
        uint256 amount;
        uint256 tasks;
        bytes32 results;
        bytes signature;
    }

    /// @notice Where a conviction stands.
    enum Verdict {
        None,
        Convicted,
        Disputed,
        Upheld,
        Overturned
    }

    /// @notice A slash of one node in one job: one slot.
    struct Conviction {
        uint128 amount;
        uint40 slashedAt;
        Verdict verdict;
    }

    /// @notice A disputed conviction: the block whose hash draws the arbiters,
    /// when voting ends (zero until drawn), the votes, and who voted (bit i for
    /// arbiters[i]).
    struct Dispute {
        uint64 drawBlock;
        uint40 votingEnds;
        uint8 guilty;
        uint8 innocent;
        uint8 voted;
        address[3] arbiters;
    }

    /// @notice A node's signed result of one task: the evidence a slash needs.
    struct SignedResult {
        uint256 task;
        bytes32 resultHash;
        bytes signature;
    }

    /// @notice A checker's signed render of a spot check's crops of one
    /// task: the evidence `slashCheck` needs. `crops` is
    /// keccak256(abi.encode(x0, y0, x1, y1, ...)) of the crop windows in
    /// order; `renderHash` the sha256 of the image it answered.
    struct SignedCheck {
        uint256 task;
        bytes32 crops;
        bytes32 renderHash;
        bytes signature;
    }

    /// @notice EIP-712 type of a receipt. `results` chains the accepted tasks:
    /// r_0 = 0, r_i = keccak256(abi.encode(r_{i-1}, task_i, resultHash_i)).
    bytes32 public constant RECEIPT_TYPEHASH =
        keccak256("Receipt(bytes32 jobId,address worker,uint256 amount,uint256 tasks,bytes32 results)");
    /// @notice EIP-712 type of a worker's result: the hash of what it returned
    /// for `task` of `jobId`.
    bytes32 public constant RESULT_TYPEHASH = keccak256("Result(bytes32 jobId,uint256 task,bytes32 resultHash)");
    /// @notice EIP-712 type of a checker's render of a spot check: the crop
    /// windows of `task` it rendered and the hash of what it answered.
    bytes32 public constant CHECK_TYPEHASH =
        keccak256("Check(bytes32 jobId,uint256 task,bytes32 crops,bytes32 renderHash)");

    /// @notice The token budgets, payments and stakes are held in.
    IERC20 public immutable token;
    /// @notice Seconds between requestUnstake and unstake.
    uint64 public immutable unstakeDelay;
    /// @notice Seconds during which receipts are honoured (after settle, or
    /// after the deadline of a job never settled); then the requester may
    /// reclaim what is outside the tree.
    uint64 public immutable reclaimGrace;
    /// @notice Seconds after settle during which leaves can be claimed; at
    /// least `reclaimGrace`.
    uint64 public immutable claimWindow;
    /// @notice Most a job's requester may slash in total, in basis points of the job's budget.
    uint16 public immutable slashCapBps;
    /// @notice The requester's bond, in basis points of the budget, locked with it.
    uint16 public immutable requesterBondBps;
    /// @notice What a convicted node posts to dispute; also the least active
    /// stake an arbiter must have.
    uint128 public immutable disputeBond;
    /// @notice Seconds after a slash during which the node may dispute it.
    uint64 public immutable disputeWindow;
    /// @notice Seconds the drawn arbiters have to vote.
    uint64 public immutable voteWindow;
    /// @notice How many arbiters a dispute draws.
    uint256 public constant ARBITERS = 3;
    /// @notice How many draws a dispute tries before it settles for fewer
    /// arbiters: bounds the gas of drawArbiters however many stakers there are.
    uint256 public constant MAX_DRAWS = 32;

    /// @notice Tokens slashed: burned, they never leave this contract.
    uint256 public burned;

    mapping(bytes32 jobId => Job) private _jobs;
    /// @notice How many of a job's convictions are disputed and not resolved:
    /// reclaim waits for them. A counter of its own, not a byte of the job's
    /// slot: a byte overflowed at 256 disputes (a requester's own sybils,
    /// slashed and disputing), and the next dispute of the job reverted.
    mapping(bytes32 jobId => uint256) public openDisputes;
    /// @notice What the requester of `jobId` reserved for `worker` in all:
    /// payments to the worker take it first, and nothing else can.
    mapping(bytes32 jobId => mapping(address worker => uint256)) public reservedFor;
    /// @notice What `node` has been paid from `jobId`, by leaf and receipts together.
    mapping(bytes32 jobId => mapping(address node => uint256)) public paid;
    /// @notice `node`'s conviction in `jobId` (a node is slashed once per job).
    mapping(bytes32 jobId => mapping(address node => Conviction)) public convictions;
    mapping(bytes32 jobId => mapping(address node => Dispute)) private _disputes;
    mapping(address node => StakeInfo) private _stakes;
    /// @notice Every address that ever staked, in order: the arbiters' pool.
    address[] public stakers;
    mapping(address node => bool) private _listed;

    /// @notice A requester locked `budget` and `bond` for `jobId` until `deadline`.
    event JobOpened(bytes32 indexed jobId, address indexed requester, uint256 budget, uint64 deadline, uint256 bond);
    /// @notice The requester committed the payout tree of `jobId`; `refund`
    /// goes back to it with the bond after the receipt grace.
    event JobSettled(bytes32 indexed jobId, bytes32 root, uint256 total, uint256 refund);
    /// @notice The requester of `jobId` reserved `amount` more of its budget
    /// for `worker`, `reserved` in all.
    event Reserved(bytes32 indexed jobId, address indexed worker, uint256 amount, uint256 reserved);
    /// @notice `node` was paid `amount` for its leaf of `jobId`.
    event Claimed(bytes32 indexed jobId, address indexed node, uint256 amount);
    /// @notice `worker` was paid `amount` of `jobId`'s budget on its receipt
    /// and `bonus` of the requester's bond.
    event ReceiptPaid(bytes32 indexed jobId, address indexed worker, uint256 amount, uint256 bonus);
    /// @notice `amount` of `node`'s stake was burned for its signed result of
    /// `task` in `jobId`; `evidenceHash` is the verifier's record that convicted it.
    event Slashed(
        bytes32 indexed jobId, address indexed node, uint256 amount, bytes32 evidenceHash, uint256 task, bytes32 resultHash
    );
    /// @notice `amount` of `node`'s stake was burned for its signed render of
    /// the crops (`crops`, rendered to `renderHash`) of `task` in `jobId`, as
    /// a checker; `evidenceHash` is the verifier's record that convicted it.
    event CheckSlashed(
        bytes32 indexed jobId,
        address indexed node,
        uint256 amount,
        bytes32 evidenceHash,
        uint256 task,
        bytes32 crops,
        bytes32 renderHash
    );
    /// @notice `amount` of `jobId` went back to its requester; `closed` when
    /// nothing more can be paid from the job.
    event Reclaimed(bytes32 indexed jobId, address indexed requester, uint256 amount, bool closed);
    /// @notice `node` disputed its conviction in `jobId`; arbiters are drawn
    /// from the hash of block `drawBlock`.
    event Disputed(bytes32 indexed jobId, address indexed node, uint64 drawBlock);
    /// @notice The arbiters of `node`'s dispute in `jobId`, voting until `votingEnds`.
    event ArbitersDrawn(bytes32 indexed jobId, address indexed node, address[3] arbiters, uint64 votingEnds);
    /// @notice `arbiter` voted on `node`'s conviction in `jobId`.
    event Voted(bytes32 indexed jobId, address indexed node, address indexed arbiter, bool guilty);
    /// @notice `node`'s dispute in `jobId` ended: `overturned` gives its stake
    /// back; `fee` was paid to the voters by the loser.
    event DisputeResolved(bytes32 indexed jobId, address indexed node, bool overturned, uint256 fee);
    /// @notice `node` bonded `amount` more; its active stake is now `active`.
    event Staked(address indexed node, uint256 amount, uint256 active);
    /// @notice `node` asked to withdraw `amount`, possible from `unlockAt`.
    event UnstakeRequested(address indexed node, uint256 amount, uint64 unlockAt);
    /// @notice `node` withdrew `amount` of its stake.
    event Unstaked(address indexed node, uint256 amount);

    error ZeroAddress();
    error ZeroAmount();
    error AmountTooLarge(uint256 amount);
    error BadSlashCap(uint16 bps);
    error BadBond(uint16 bps);
    error BadWindows(uint64 reclaimGrace, uint64 claimWindow);
    error JobExists(bytes32 jobId);
    error JobNotFound(bytes32 jobId);
    error JobClosed(bytes32 jobId);
    error BadDeadline(uint64 deadline, uint256 timestamp);
    error DeadlinePassed(bytes32 jobId, uint64 deadline);
    error NotRequester(bytes32 jobId, address caller);
    error AlreadySettled(bytes32 jobId);
    error NotSettled(bytes32 jobId);
    error OverBudget(bytes32 jobId, uint256 total, uint256 budget);
    error AlreadyClaimed(bytes32 jobId, address node);
    error BadProof(bytes32 jobId, address node, uint256 amount);
    error ClaimExceedsTotal(bytes32 jobId, uint256 amount, uint256 unclaimed);
    error ClaimWindowClosed(bytes32 jobId, uint64 closedAt);
    error ReceiptTooEarly(bytes32 jobId, uint64 deadline);
    error ReceiptWindowClosed(bytes32 jobId, uint64 closedAt);
    error BadReceiptSignature(bytes32 jobId, address worker, address signer);
    error BudgetExhausted(bytes32 jobId, uint256 owed);
    error ReclaimTooEarly(bytes32 jobId, uint64 availableAfter);
    error SlashCapExceeded(bytes32 jobId, uint256 cap, uint256 requested);
    error BadResultSignature(bytes32 jobId, address node, address signer);
    error BadCheckSignature(bytes32 jobId, address node, address signer);
    error AlreadyConvicted(bytes32 jobId, address node);
    error NotDisputable(bytes32 jobId, address node);
    error DisputeWindowClosed(bytes32 jobId, uint64 closedAt);
    error NoOpenDispute(bytes32 jobId, address node);
    error ArbitersAlreadyDrawn(bytes32 jobId, address node);
    error DrawTooEarly(bytes32 jobId, uint64 drawBlock);
    error NoArbiters(bytes32 jobId, address node);
    error NotArbiter(bytes32 jobId, address node, address caller);
    error AlreadyVoted(bytes32 jobId, address node, address arbiter);
    error VotingClosed(bytes32 jobId, uint64 votingEnds);
    error ResolveTooEarly(bytes32 jobId, uint64 availableAfter);
    error DisputeOpen(bytes32 jobId);
    error InsufficientStake(address node, uint256 stake, uint256 needed);
    error NothingToUnstake(address node);
    error UnstakeTooEarly(address node, uint64 unlockAt);

    constructor(
        IERC20 token_,
        uint64 unstakeDelay_,
        uint64 reclaimGrace_,
        uint64 claimWindow_,
        uint16 slashCapBps_,
        uint16 requesterBondBps_,
        uint128 disputeBond_,
        uint64 disputeWindow_,
        uint64 voteWindow_
    ) EIP712("RenderEscrow", "1") {
        if (address(token_) == address(0)) revert ZeroAddress();
        if (slashCapBps_ > 10_000) revert BadSlashCap(slashCapBps_);
        if (requesterBondBps_ > 10_000) revert BadBond(requesterBondBps_);
        // Receipts on a settled job draw on what settle held back; the job may
        // close only after they are over.
        if (claimWindow_ < reclaimGrace_) revert BadWindows(reclaimGrace_, claimWindow_);
        // A slash comes before settle, so a dispute always opens before the
        // requester's bond can be reclaimed: the bond is there to pay for it.
        if (disputeWindow_ > reclaimGrace_) revert BadWindows(reclaimGrace_, disputeWindow_);
        token = token_;
        unstakeDelay = unstakeDelay_;
        reclaimGrace = reclaimGrace_;
        claimWindow = claimWindow_;
        slashCapBps = slashCapBps_;
        requesterBondBps = requesterBondBps_;
        disputeBond = disputeBond_;
        disputeWindow = disputeWindow_;
        voteWindow = voteWindow_;
    }

    // ---------------------------------------------------------------- jobs

    /// @notice Locks `budget` tokens of the caller, plus its bond
    /// (`bondFor(budget)`), for `jobId` until `deadline` (unix seconds). The
    /// caller must have approved the escrow for both.
    function openJob(bytes32 jobId, uint256 budget, uint64 deadline) external nonReentrant {
        if (_jobs[jobId].status != Status.None) revert JobExists(jobId);
        if (budget == 0) revert ZeroAmount();
        if (budget > type(uint128).max) revert AmountTooLarge(budget);
        if (deadline <= block.timestamp || deadline > type(uint40).max) revert BadDeadline(deadline, block.timestamp);
        uint256 bond = bondFor(budget);

        _jobs[jobId] = Job({
            requester: msg.sender,
            deadline: uint40(deadline),
            settledAt: 0,
            status: Status.Open,
            budget: uint128(budget),
            unclaimed: 0,
            held: uint128(budget),
            bond: uint128(bond),
            slashed: 0,
            reserved: 0,
            root: bytes32(0)
        });
        emit JobOpened(jobId, msg.sender, budget, deadline, bond);

        token.safeTransferFrom(msg.sender, address(this), budget + bond);
    }

    /// @notice Sets aside part of `jobId`'s budget for each worker of
    /// `shares`: only the requester, while the job is open, up to the
    /// deadline, out of what is neither reserved nor in the tree. A worker's
    /// reservation pays its receipts and its leaf before anything else does,
    /// and pays nobody else: neither a tree that takes the budget nor
    /// receipts to other addresses reach it, so what the requester's receipts
    /// and leaves owe a worker within its reservation is paid whatever else
    /// the requester signs or settles. (It still pays only against them: a
    /// worker the requester never receipted nor put in the tree is not paid
    /// from it.) What a worker's payments leave of it goes back to the
    /// requester when the job closes.
    function reserve(bytes32 jobId, Reservation[] calldata shares) external nonReentrant {
        Job storage j = _jobs[jobId];
        Status status = j.status;
        if (status == Status.None) revert JobNotFound(jobId);
        if (msg.sender != j.requester) revert NotRequester(jobId, msg.sender);
        if (status == Status.Closed) revert JobClosed(jobId);
        if (status == Status.Settled) revert AlreadySettled(jobId);
        // Receipts of an open job are paid only after the deadline, so
        // every reservation comes before any payment of the job.
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        uint256 sum;
        for (uint256 i = 0; i < shares.length; ++i) {
            Reservation calldata r = shares[i];
            if (r.worker == address(0)) revert ZeroAddress();
            if (r.amount == 0) revert ZeroAmount();
            sum += r.amount;
            uint256 all = reservedFor[jobId][r.worker] + r.amount;
            reservedFor[jobId][r.worker] = all;
            emit Reserved(jobId, r.worker, r.amount, all);
        }
        uint256 held = j.held;
        if (sum > held) revert OverBudget(jobId, sum, held);
        j.held = uint128(held - sum);
        j.reserved += uint128(sum);
    }

    /// @notice Commits the payout tree of `jobId`. Only the requester, once, up
    /// to the deadline. Leaves are
    /// `keccak256(bytes.concat(keccak256(abi.encode(node, amount))))`, one per node;
    /// `total` is what they draw beyond their nodes' reservations (each leaf takes
    /// its node's reservation first). What neither the tree nor a reservation
    /// holds, and the bond, are held for receipts during `reclaimGrace`, then
    /// reclaimable.
    function settle(bytes32 jobId, bytes32 root, uint256 total) external nonReentrant {
        Job storage j = _jobs[jobId];
        Status status = j.status;
        if (status == Status.None) revert JobNotFound(jobId);
        if (msg.sender != j.requester) revert NotRequester(jobId, msg.sender);
        if (status == Status.Settled) revert AlreadySettled(jobId);
        if (status == Status.Closed) revert JobClosed(jobId);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        uint256 budget = j.budget;
        if (total > budget) revert OverBudget(jobId, total, budget);

        // Receipts of an open job are honoured only after the deadline, so
        // nothing has been paid yet: the budget is held or reserved. Leaves
        // take their nodes' reservations first, so the tree draws on what is
        // held only for the rest, and never on another worker's reservation.
        uint256 held = j.held;
        uint256 tree = total < held ? total : held;
        j.status = Status.Settled;
        j.settledAt = uint40(block.timestamp);
        j.unclaimed = uint128(tree);
        j.held = uint128(held - tree);
        j.root = root;
        emit JobSettled(jobId, root, total, held - tree);
    }

    /// @notice Pays the caller its leaf `amount` of settled job `jobId`, less
    /// what its receipts were already paid.
    function claim(bytes32 jobId, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        uint256 pay = _claim(jobId, msg.sender, amount, proof, false);
        token.safeTransfer(msg.sender, pay);
    }

    /// @notice Claims several leaves, usually of different jobs, with one token
    /// transfer. All or nothing: one bad claim reverts the batch. The batch is
    /// bounded by the calldata the caller pays for.
    function claimMany(Claim[] calldata claims) external nonReentrant {
        uint256 sum;
        for (uint256 i = 0; i < claims.length; ++i) {
            sum += _claim(claims[i].jobId, msg.sender, claims[i].amount, claims[i].proof, false);
        }
        if (sum > 0) token.safeTransfer(msg.sender, sum);
    }

    /// @notice Pays `node` its leaf `amount` of settled job `jobId`, less what
    /// it was already paid. Anyone may send it (the coordinator does, so that
    /// a worker needs no Ether for gas): the leaf binds node and amount, so a
    /// caller can only move a node's own money to that node, once, and the
    /// node keeps its own `claim` if nobody sends this.
    function claimFor(bytes32 jobId, address node, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        uint256 pay = _claim(jobId, node, amount, proof, false);
        token.safeTransfer(node, pay);
    }

    /// @notice Pays several leaves to their nodes (`claimFor` in a batch). A
    /// leaf its node was already paid (it claimed itself, racing the batch)
    /// is skipped rather than reverting the others' payments; a bad proof,
    /// a closed window or a job not settled still reverts the batch.
    function claimForMany(NodeClaim[] calldata claims) external nonReentrant {
        for (uint256 i = 0; i < claims.length; ++i) {
            NodeClaim calldata c = claims[i];
            if (c.amount <= paid[c.jobId][c.node]) continue;
            uint256 pay = _claim(c.jobId, c.node, c.amount, c.proof, true);
            if (pay > 0) token.safeTransfer(c.node, pay);
        }
    }

    /// @notice Pays the caller what its latest receipts (one per job, signed
    /// by each job's requester) say it is owed beyond what it was already
    /// paid, with one token transfer. A settled job honours receipts from
    /// settle until `settledAt + reclaimGrace`; a job never settled from its
    /// deadline until `deadline + reclaimGrace`, and then adds the requester's
    /// bond share. A job whose held budget runs out pays what is left.
    function claimByReceipts(SignedReceipt[] calldata receipts) external nonReentrant {
        uint256 sum;
        for (uint256 i = 0; i < receipts.length; ++i) {
            sum += _claimReceipt(receipts[i]);
        }
        if (sum > 0) token.safeTransfer(msg.sender, sum);
    }

    /// @notice Returns to the requester what `jobId` can no longer owe. Anyone
    /// may call. Open job: budget and bond left after `deadline +
    /// reclaimGrace` (closes the job). Settled job: the held rest and the bond
    /// after `settledAt + reclaimGrace`, and unclaimed leaves too after
    /// `settledAt + claimWindow` (closes the job).
    function reclaim(bytes32 jobId) external nonReentrant {
        Job storage j = _jobs[jobId];
        Status status = j.status;
        if (status == Status.None) revert JobNotFound(jobId);
        if (status == Status.Closed) revert JobClosed(jobId);
        if (openDisputes[jobId] != 0) revert DisputeOpen(jobId);
        uint256 amount = uint256(j.held) + j.bond;
        bool close;
        if (status == Status.Open) {
            uint64 availableAfter = uint64(j.deadline) + reclaimGrace;
            if (block.timestamp <= availableAfter) revert ReclaimTooEarly(jobId, availableAfter);
            amount += j.reserved;
            close = true;
        } else {
            uint64 graceEnd = uint64(j.settledAt) + reclaimGrace;
            uint64 windowEnd = uint64(j.settledAt) + claimWindow;
            if (block.timestamp > windowEnd) {
                // Reservations pay leaves too: they stay for the claim window.
                amount += uint256(j.unclaimed) + j.reserved;
                close = true;
            } else if (block.timestamp <= graceEnd || amount == 0) {
                revert ReclaimTooEarly(jobId, amount == 0 ? windowEnd : graceEnd);
            }
        }

        address requester = j.requester;
        j.held = 0;
        j.bond = 0;
        if (close) {
            j.status = Status.Closed;
            j.unclaimed = 0;
            j.reserved = 0;
        }
        emit Reclaimed(jobId, requester, amount, close);

        if (amount > 0) token.safeTransfer(requester, amount);
    }

    /// @notice Burns `amount` of `node`'s stake (active first, then pending)
    /// for a result it signed in `jobId`. Only the job's requester, before it
    /// settles and up to the deadline, within the job's cap, once per node and
    /// job, and only with
    /// `result.signature` by `node` over `resultDigest(jobId, result.task,
    /// result.resultHash)`: a node that never delivered a result for this job
    /// cannot be slashed for it. `evidenceHash` identifies the verifier's record.
    function slash(bytes32 jobId, address node, uint256 amount, SignedResult calldata result, bytes32 evidenceHash)
        external
        nonReentrant
    {
        address signer = _recover(resultDigest(jobId, result.task, result.resultHash), result.signature);
        if (signer != node || node == address(0)) revert BadResultSignature(jobId, node, signer);
        _slash(jobId, node, amount);
        emit Slashed(jobId, node, amount, evidenceHash, result.task, result.resultHash);
    }

    /// @notice Burns `amount` of `node`'s stake for a spot check it signed in
    /// `jobId` as a checker, on the same terms as `slash`: only with
    /// `check.signature` by `node` over `checkDigest(jobId, check.task,
    /// check.crops, check.renderHash)`. A checker that lies convicts honest
    /// workers; without this it risked nothing it had bonded. Disputed, its
    /// arbiters re-render the same crops and compare them with its render.
    function slashCheck(bytes32 jobId, address node, uint256 amount, SignedCheck calldata check, bytes32 evidenceHash)
        external
        nonReentrant
    {
        address signer = _recover(checkDigest(jobId, check.task, check.crops, check.renderHash), check.signature);
        if (signer != node || node == address(0)) revert BadCheckSignature(jobId, node, signer);
        _slash(jobId, node, amount);
        emit CheckSlashed(jobId, node, amount, evidenceHash, check.task, check.crops, check.renderHash);
    }

    // ------------------------------------------------------------ disputes

    /// @notice Disputes the caller's conviction in `jobId`, within
    /// `disputeWindow` of the slash, posting `disputeBond` (approve it first).
    function dispute(bytes32 jobId) external nonReentrant {
        Conviction storage c = convictions[jobId][msg.sender];
        if (c.verdict != Verdict.Convicted) revert NotDisputable(jobId, msg.sender);
        uint64 closesAt = uint64(c.slashedAt) + disputeWindow;
        if (block.timestamp > closesAt) revert DisputeWindowClosed(jobId, closesAt);

        c.verdict = Verdict.Disputed;
        openDisputes[jobId] += 1;
        // The arbiters come from a block nobody knows yet, the caller included.
        uint64 drawBlock = uint64(block.number + 1);
        _disputes[jobId][msg.sender].drawBlock = drawBlock;
        emit Disputed(jobId, msg.sender, drawBlock);

        token.safeTransferFrom(msg.sender, address(this), disputeBond);
    }

    /// @notice Draws the arbiters of `node`'s dispute in `jobId` from the hash
    /// of its draw block. Anyone may call, once that block is mined. A draw
    /// block older than 256 blocks has no hash any more: the draw moves to
    /// the next block and the call must be repeated.
    function drawArbiters(bytes32 jobId, address node) external nonReentrant {
        if (convictions[jobId][node].verdict != Verdict.Disputed) revert NoOpenDispute(jobId, node);
        Dispute storage d = _disputes[jobId][node];
        if (d.votingEnds != 0) revert ArbitersAlreadyDrawn(jobId, node);
        if (block.number <= d.drawBlock) revert DrawTooEarly(jobId, d.drawBlock);
        bytes32 seed = blockhash(d.drawBlock);
        if (seed == bytes32(0)) {
            d.drawBlock = uint64(block.number + 1);
            emit Disputed(jobId, node, d.drawBlock);
            return;
        }
        address requester = _jobs[jobId].requester;
        uint256 n = stakers.length;
        uint256 found;
        for (uint256 k = 0; k < MAX_DRAWS && found < ARBITERS && n > 0; ++k) {
            address a = stakers[uint256(keccak256(abi.encode(seed, k))) % n];
            if (!_eligible(jobId, node, requester, a)) continue;
            bool dup;
            for (uint256 i = 0; i < found; ++i) {
                if (d.arbiters[i] == a) dup = true;
            }
            if (dup) continue;
            d.arbiters[found++] = a;
        }
        if (found == 0) revert NoArbiters(jobId, node);
        uint64 votingEnds = uint64(block.timestamp) + voteWindow;
        d.votingEnds = uint40(votingEnds);
        emit ArbitersDrawn(jobId, node, d.arbiters, votingEnds);
    }

    /// @notice Records the caller's verdict on `node`'s conviction in `jobId`;
    /// only a drawn arbiter, once, until voting ends.
    function vote(bytes32 jobId, address node, bool guilty) external nonReentrant {
        if (convictions[jobId][node].verdict != Verdict.Disputed) revert NoOpenDispute(jobId, node);
        Dispute storage d = _disputes[jobId][node];
        if (d.votingEnds == 0) revert NotArbiter(jobId, node, msg.sender);
        if (block.timestamp > d.votingEnds) revert VotingClosed(jobId, d.votingEnds);
        uint256 i;
        while (i < ARBITERS && d.arbiters[i] != msg.sender) ++i;
        if (i == ARBITERS || msg.sender == address(0)) revert NotArbiter(jobId, node, msg.sender);
        uint8 bit = uint8(1 << i);
        if (d.voted & bit != 0) revert AlreadyVoted(jobId, node, msg.sender);

        d.voted |= bit;
        if (guilty) d.guilty += 1;
        else d.innocent += 1;
        emit Voted(jobId, node, msg.sender, guilty);
    }

    /// @notice Ends `node`'s dispute in `jobId` by the majority of votes, once
    /// every arbiter voted or voting ended (or, when no arbiter could be
    /// drawn, once `disputeWindow + voteWindow` after the slash). Anyone may call.
    function resolve(bytes32 jobId, address node) external nonReentrant {
        Conviction storage c = convictions[jobId][node];
        if (c.verdict != Verdict.Disputed) revert NoOpenDispute(jobId, node);
        Dispute storage d = _disputes[jobId][node];
        uint256 voters = uint256(d.guilty) + d.innocent;
        if (d.votingEnds == 0) {
            uint64 after_ = uint64(c.slashedAt) + disputeWindow + voteWindow;
            if (block.timestamp <= after_) revert ResolveTooEarly(jobId, after_);
        } else if (block.timestamp <= d.votingEnds && voters < _drawn(d)) {
            revert ResolveTooEarly(jobId, d.votingEnds);
        }

        Job storage j = _jobs[jobId];
        openDisputes[jobId] -= 1;
        uint256 bond = disputeBond;
        uint256 fee;
        uint256 back = bond;
        bool overturned = d.innocent > d.guilty;
        if (overturned) {
            uint256 amount = c.amount;
            c.verdict = Verdict.Overturned;
            burned -= amount;
            j.slashed -= uint128(amount);
            _stakes[node].active += uint128(amount);
            // The requester lost: its job bond pays the re-render.
            fee = j.bond < bond ? j.bond : bond;
            j.bond -= uint128(fee);
        } else {
            c.verdict = Verdict.Upheld;
            if (voters > 0) {
                fee = bond;
                back = 0;
            }
        }
        emit DisputeResolved(jobId, node, overturned, fee);

        if (back > 0) token.safeTransfer(node, back);
        if (fee > 0) {
            uint256 share = fee / voters;
            uint256 rest = fee - share * voters;
            for (uint256 i = 0; i < ARBITERS; ++i) {
                if (d.voted & (1 << i) == 0) continue;
                // The first voter takes the indivisible rest, so no wei stays behind.
                token.safeTransfer(d.arbiters[i], share + rest);
                rest = 0;
            }
        }
    }

    // -------------------------------------------------------------- stakes

    /// @notice Bonds `amount` more tokens of the caller. The caller must have
    /// approved the escrow for `amount`.
    function stake(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        StakeInfo storage s = _stakes[msg.sender];
        uint256 active = uint256(s.active) + amount;
        if (active > type(uint128).max) revert AmountTooLarge(amount);

        s.active = uint128(active);
        if (!_listed[msg.sender]) {
            _listed[msg.sender] = true;
            stakers.push(msg.sender);
        }
        emit Staked(msg.sender, amount, active);

        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Starts withdrawing `amount` of the caller's active stake. It stays
    /// slashable until `unstake`, and a new request restarts the delay for all that
    /// is pending, so a node cannot dodge a slash by requesting early.
    function requestUnstake(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        StakeInfo storage s = _stakes[msg.sender];
        uint256 active = s.active;
        if (amount > active) revert InsufficientStake(msg.sender, active, amount);

        uint64 unlockAt = uint64(block.timestamp) + unstakeDelay;
        s.active = uint128(active - amount);
        s.pending += uint128(amount);
        s.unlockAt = unlockAt;
        emit UnstakeRequested(msg.sender, amount, unlockAt);
    }

    /// @notice Withdraws all of the caller's pending stake once its delay is over.
    function unstake() external nonReentrant {
        StakeInfo storage s = _stakes[msg.sender];
        uint256 amount = s.pending;
        if (amount == 0) revert NothingToUnstake(msg.sender);
        if (block.timestamp < s.unlockAt) revert UnstakeTooEarly(msg.sender, s.unlockAt);

        s.pending = 0;
        s.unlockAt = 0;
        emit Unstaked(msg.sender, amount);

        token.safeTransfer(msg.sender, amount);
    }

    // --------------------------------------------------------------- views

    /// @notice The escrow's record of `jobId` (all zero when unknown).
    function jobOf(bytes32 jobId) external view returns (Job memory) {
        return _jobs[jobId];
    }

    /// @notice The stake of `node`.
    function stakeOf(address node) external view returns (StakeInfo memory) {
        return _stakes[node];
    }

    /// @notice The most the requester of `jobId` may slash in total.
    function slashCap(bytes32 jobId) public view returns (uint256) {
        return (uint256(_jobs[jobId].budget) * slashCapBps) / 10_000;
    }

    /// @notice The dispute of `node`'s conviction in `jobId`.
    function disputeOf(bytes32 jobId, address node) external view returns (Dispute memory) {
        return _disputes[jobId][node];
    }

    /// @notice How many addresses ever staked (the arbiters' pool).
    function stakerCount() external view returns (uint256) {
        return stakers.length;
    }

    /// @notice The requester's bond locked with a job of `budget`.
    function bondFor(uint256 budget) public view returns (uint256) {
        return (budget * requesterBondBps) / 10_000;
    }

    /// @notice The leaf of the payout tree for `node` and `amount`.
    function leafOf(address node, uint256 amount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(node, amount))));
    }

    /// @notice The EIP-712 digest a requester signs for a receipt.
    function receiptDigest(bytes32 jobId, address worker, uint256 amount, uint256 tasks, bytes32 results)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(RECEIPT_TYPEHASH, jobId, worker, amount, tasks, results)));
    }

    /// @notice The EIP-712 digest a worker signs over its result of `task` in `jobId`.
    function resultDigest(bytes32 jobId, uint256 task, bytes32 resultHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RESULT_TYPEHASH, jobId, task, resultHash)));
    }

    /// @notice The EIP-712 digest a checker signs over its render (`renderHash`)
    /// of the crop windows `crops` of `task` in `jobId`.
    function checkDigest(bytes32 jobId, uint256 task, bytes32 crops, bytes32 renderHash) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(CHECK_TYPEHASH, jobId, task, crops, renderHash)));
    }

    /// @notice The EIP-712 domain separator (name "RenderEscrow", version "1",
    /// this chain, this contract).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev The checks and bookkeeping `slash` and `slashCheck` share, once
    /// the node's signature is verified.
    function _slash(bytes32 jobId, address node, uint256 amount) private {
        Job storage j = _jobs[jobId];
        if (j.status == Status.None) revert JobNotFound(jobId);
        if (msg.sender != j.requester) revert NotRequester(jobId, msg.sender);
        if (j.status != Status.Open) revert AlreadySettled(jobId);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        if (amount == 0) revert ZeroAmount();
        Conviction storage c = convictions[jobId][node];
        if (c.verdict != Verdict.None) revert AlreadyConvicted(jobId, node);
        uint256 cap = slashCap(jobId);
        uint256 after_ = uint256(j.slashed) + amount;
        if (after_ > cap) revert SlashCapExceeded(jobId, cap, after_);
        StakeInfo storage s = _stakes[node];
        uint256 active = s.active;
        uint256 have = active + s.pending;
        if (amount > have) revert InsufficientStake(node, have, amount);

        c.amount = uint128(amount);
        c.slashedAt = uint40(block.timestamp);
        c.verdict = Verdict.Convicted;
        j.slashed = uint128(after_);
        if (amount <= active) {
            s.active = uint128(active - amount);
        } else {
            s.active = 0;
            s.pending = uint128(have - amount);
        }
        burned += amount;
    }

    /// @dev Books `node`'s leaf of `jobId` as paid and returns what it is
    /// still owed; the caller transfers it to `node`, and to nobody else.
    /// `skipShort` returns 0, booking nothing, for a leaf nothing can pay any more (`claimForMany`: one
    /// such leaf must not hold back the others' payments).
    function _claim(bytes32 jobId, address node, uint256 amount, bytes32[] calldata proof, bool skipShort)
        private
        returns (uint256 pay)
    {
        Job storage j = _jobs[jobId];
        Status status = j.status;
        if (status != Status.Settled) {
            if (status == Status.None) revert JobNotFound(jobId);
            if (status == Status.Closed && j.settledAt != 0) {
                revert ClaimWindowClosed(jobId, uint64(j.settledAt) + claimWindow);
            }
            revert NotSettled(jobId);
        }
        uint64 closesAt = uint64(j.settledAt) + claimWindow;
        if (block.timestamp > closesAt) revert ClaimWindowClosed(jobId, closesAt);
        uint256 before = paid[jobId][node];
        if (amount <= before) revert AlreadyClaimed(jobId, node);
        if (!MerkleProof.verifyCalldata(proof, j.root, leafOf(node, amount))) {
            revert BadProof(jobId, node, amount);
        }
        return _payLeaf(j, jobId, node, before, amount, skipShort);
    }

    /// @dev Books `node`'s proven leaf `amount` of `jobId`, on top of the
    /// `before` it was paid: its reservation first, then the tree, which pays
    /// what it still holds of the rest. A leaf the tree cannot pay in full is
    /// still paid its reservation (a tree short of its leaves must not keep a
    /// worker's reserved pay), and a later claim of it gets nothing more, as
    /// the tree never grows. Nothing to pay at all reverts, or with
    /// `skipShort` returns 0.
    function _payLeaf(Job storage j, bytes32 jobId, address node, uint256 before, uint256 amount, bool skipShort)
        private
        returns (uint256 pay)
    {
        uint256 owed = amount - before;
        uint256 covered = _covered(jobId, node, before, owed);
        uint256 rest = owed - covered;
        uint256 unclaimed = j.unclaimed;
        if (rest > unclaimed) rest = unclaimed;
        pay = covered + rest;
        if (pay == 0) {
            if (skipShort) return 0;
            revert ClaimExceedsTotal(jobId, owed, unclaimed);
        }
        paid[jobId][node] = before + pay;
        j.reserved -= uint128(covered);
        j.unclaimed = uint128(unclaimed - rest);
        emit Claimed(jobId, node, pay);
    }

    /// @dev What `node`'s reservation in `jobId` still holds of `owed`, a
    /// payment on top of the `before` the node was paid. Every payment draws
    /// on the reservation first, and every reservation comes before any
    /// payment, so `min(before, reservedFor)` of it is spent already.
    function _covered(bytes32 jobId, address node, uint256 before, uint256 owed) private view returns (uint256 covered) {
        uint256 r = reservedFor[jobId][node];
        if (before >= r) return 0;
        covered = r - before;
        if (covered > owed) covered = owed;
    }

    function _claimReceipt(SignedReceipt calldata r) private returns (uint256) {
        bytes32 jobId = r.jobId;
        Job storage j = _jobs[jobId];
        Status status = j.status;
        if (status == Status.None) revert JobNotFound(jobId);
        if (status == Status.Closed) revert JobClosed(jobId);
        uint64 closesAt;
        if (status == Status.Open) {
            // Before the deadline the requester may still settle.
            if (block.timestamp <= j.deadline) revert ReceiptTooEarly(jobId, j.deadline);
            closesAt = uint64(j.deadline) + reclaimGrace;
        } else {
            closesAt = uint64(j.settledAt) + reclaimGrace;
        }
        if (block.timestamp > closesAt) revert ReceiptWindowClosed(jobId, closesAt);
        address signer = _recover(receiptDigest(jobId, msg.sender, r.amount, r.tasks, r.results), r.signature);
        if (signer != j.requester) revert BadReceiptSignature(jobId, msg.sender, signer);
        uint256 before = paid[jobId][msg.sender];
        if (r.amount <= before) revert AlreadyClaimed(jobId, msg.sender);

        uint256 owed = r.amount - before;
        uint256 covered = _covered(jobId, msg.sender, before, owed);
        uint256 held = j.held;
        uint256 more = owed - covered;
        if (more > held) more = held;
        uint256 pay = covered + more;
        if (pay == 0) revert BudgetExhausted(jobId, owed);
        uint256 bonus;
        if (status == Status.Open) {
            bonus = (pay * requesterBondBps) / 10_000;
            uint256 bond = j.bond;
            if (bonus > bond) bonus = bond;
            j.bond = uint128(bond - bonus);
        }
        paid[jobId][msg.sender] = before + pay;
        j.reserved -= uint128(covered);
        j.held = uint128(held - more);
        emit ReceiptPaid(jobId, msg.sender, pay, bonus);
        return pay + bonus;
    }

    /// @dev Whether `a` may judge `node`'s conviction in `jobId`: no party to
    /// the job that the chain knows of, and enough stake to lose.
    function _eligible(bytes32 jobId, address node, address requester, address a) private view returns (bool) {
        return a != node && a != requester && paid[jobId][a] == 0 && convictions[jobId][a].verdict == Verdict.None
            && _stakes[a].active >= disputeBond;
    }

    function _drawn(Dispute storage d) private view returns (uint256 n) {
        for (uint256 i = 0; i < ARBITERS; ++i) {
            if (d.arbiters[i] != address(0)) ++n;
        }
    }

    /// @dev The signer of `digest`, or address(0) for a malformed signature
    /// (so that callers revert with their own error naming the job).
    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        (signer,,) = ECDSA.tryRecoverCalldata(digest, signature);
    }
}
