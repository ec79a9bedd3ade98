// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title RenderEscrow
/// @notice Holds render budgets in escrow, bonds node stakes, pays verified work
/// through one Merkle root per job, and slashes convicted nodes.
///
/// @dev Life of a job, and the rule that keeps funds from being stranded:
///
/// 1. `openJob` locks `budget` tokens of the requester under `jobId` (the hash of
///    the job spec) until `deadline`.
/// 2. Up to and including `deadline`, the requester may `settle` once, committing a
///    Merkle root over (node, amount) leaves for verified work and a `total` no
///    larger than the budget; `budget - total` is refunded at once. The requester
///    may also `slash` convicted nodes up to the deadline.
/// 3. After `settle`, each node `claim`s its leaf once, during `claimWindow`
///    seconds. No claim can take more than what is left of `total`, so a wrong
///    tree can never reach another job's funds.
/// 4. `reclaim` returns to the requester whatever the job still holds:
///    - an unsettled job's whole budget once `deadline + reclaimGrace` has passed
///      (after the deadline nobody can be paid from it any more; the grace keeps
///      the end of settling and the start of reclaiming apart, so there is never
///      a race between a last-moment settle and a reclaim);
///    - a settled job's unclaimed remainder once `settledAt + claimWindow` has
///      passed (the claim window closes at the same instant).
///    Anyone may call `reclaim`; the tokens always go to the requester, so a
///    keeper can close jobs for a requester that went away.
///
/// Every token held for a job is therefore claimed, refunded or reclaimable after
/// a bounded time. Stakes are separate: a node's stake leaves only through
/// `unstake` (after `unstakeDelay`) or `slash`.
///
/// Trust: the requester is trusted to slash honestly; the evidence hash is kept in
/// the `Slashed` event so that a dispute path can be added later. The cap per job
/// bounds what one job can take from stakes.
contract RenderEscrow is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Where a job is in its life.
    enum Status {
        None,
        Open,
        Settled,
        Closed
    }

    /// @notice What the escrow knows of a job. Packed into four slots so that
    /// settling writes one new slot (the root) and claims update one word.
    struct Job {
        address requester;
        uint40 deadline;
        uint40 settledAt;
        Status status;
        uint128 budget;
        // unclaimed is what a settled job still holds for its leaves.
        uint128 unclaimed;
        uint128 slashed;
        bytes32 root;
    }

    /// @notice A node's bond: `active` can be slashed and unstaked, `pending`
    /// waits for `unlockAt` and can still be slashed until it leaves.
    struct StakeInfo {
        uint128 active;
        uint128 pending;
        uint64 unlockAt;
    }

    /// @notice One leaf claim in a batch.
    struct Claim {
        bytes32 jobId;
        uint256 amount;
        bytes32[] proof;
    }

    /// @notice The token budgets, payments and stakes are held in.
    IERC20 public immutable token;
    /// @notice Seconds between requestUnstake and unstake.
    uint64 public immutable unstakeDelay;
    /// @notice Seconds after an unsettled job's deadline before the requester may reclaim it.
    uint64 public immutable reclaimGrace;
    /// @notice Seconds after settle during which leaves can be claimed.
    uint64 public immutable claimWindow;
    /// @notice Most a job's requester may slash in total, in basis points of the job's budget.
    uint16 public immutable slashCapBps;

    mapping(bytes32 jobId => Job) private _jobs;
    /// @notice Whether `node` has claimed its leaf of `jobId`.
    mapping(bytes32 jobId => mapping(address node => bool)) public claimed;
    mapping(address node => StakeInfo) private _stakes;

    /// @notice A requester locked `budget` for `jobId` until `deadline`.
    event JobOpened(bytes32 indexed jobId, address indexed requester, uint256 budget, uint64 deadline);
    /// @notice The requester committed the payout tree of `jobId` and got `refund` back.
    event JobSettled(bytes32 indexed jobId, bytes32 root, uint256 total, uint256 refund);
    /// @notice `node` was paid its leaf of `jobId`.
    event Claimed(bytes32 indexed jobId, address indexed node, uint256 amount);
    /// @notice The requester of `jobId` took `amount` of `node`'s stake; `evidenceHash`
    /// is the verifier's record that convicted it.
    event Slashed(bytes32 indexed jobId, address indexed node, uint256 amount, bytes32 evidenceHash);
    /// @notice What `jobId` still held went back to its requester; `settled` tells
    /// an unclaimed remainder from an unsettled budget.
    event Reclaimed(bytes32 indexed jobId, address indexed requester, uint256 amount, bool settled);
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
    error ReclaimTooEarly(bytes32 jobId, uint64 availableAfter);
    error SlashCapExceeded(bytes32 jobId, uint256 cap, uint256 requested);
    error InsufficientStake(address node, uint256 stake, uint256 needed);
    error NothingToUnstake(address node);
    error UnstakeTooEarly(address node, uint64 unlockAt);

    constructor(IERC20 token_, uint64 unstakeDelay_, uint64 reclaimGrace_, uint64 claimWindow_, uint16 slashCapBps_) {
        if (address(token_) == address(0)) revert ZeroAddress();
        if (slashCapBps_ > 10_000) revert BadSlashCap(slashCapBps_);
        token = token_;
        unstakeDelay = unstakeDelay_;
        reclaimGrace = reclaimGrace_;
        claimWindow = claimWindow_;
        slashCapBps = slashCapBps_;
    }

    // ---------------------------------------------------------------- jobs

    /// @notice Locks `budget` tokens of the caller for `jobId` until `deadline`
    /// (unix seconds). The caller must have approved the escrow for `budget`.
    function openJob(bytes32 jobId, uint256 budget, uint64 deadline) external nonReentrant {
        if (_jobs[jobId].status != Status.None) revert JobExists(jobId);
        if (budget == 0) revert ZeroAmount();
        if (budget > type(uint128).max) revert AmountTooLarge(budget);
        if (deadline <= block.timestamp || deadline > type(uint40).max) revert BadDeadline(deadline, block.timestamp);

        _jobs[jobId] = Job({
            requester: msg.sender,
            deadline: uint40(deadline),
            settledAt: 0,
            status: Status.Open,
            budget: uint128(budget),
            unclaimed: 0,
            slashed: 0,
            root: bytes32(0)
        });
        emit JobOpened(jobId, msg.sender, budget, deadline);

        token.safeTransferFrom(msg.sender, address(this), budget);
    }

    /// @notice Commits the payout tree of `jobId` and refunds `budget - total`.
    /// Only the requester, once, up to the deadline. Leaves are
    /// `keccak256(bytes.concat(keccak256(abi.encode(node, amount))))`, one per node,
    /// and should add up to `total`; whatever they leave unclaimed is reclaimable
    /// after the claim window.
    function settle(bytes32 jobId, bytes32 root, uint256 total) external nonReentrant {
        Job storage j = _jobs[jobId];
        Status status = j.status;
        if (status == Status.None) revert JobNotFound(jobId);
        address requester = j.requester;
        if (msg.sender != requester) revert NotRequester(jobId, msg.sender);
        if (status == Status.Settled) revert AlreadySettled(jobId);
        if (status == Status.Closed) revert JobClosed(jobId);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        uint256 budget = j.budget;
        if (total > budget) revert OverBudget(jobId, total, budget);

        j.status = Status.Settled;
        j.settledAt = uint40(block.timestamp);
        j.unclaimed = uint128(total);
        j.root = root;
        uint256 refund = budget - total;
        emit JobSettled(jobId, root, total, refund);

        if (refund > 0) token.safeTransfer(requester, refund);
    }

    /// @notice Pays the caller its leaf `amount` of settled job `jobId`.
    function claim(bytes32 jobId, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        _claim(jobId, amount, proof);
        if (amount > 0) token.safeTransfer(msg.sender, amount);
    }

    /// @notice Claims several leaves, usually of different jobs, with one token
    /// transfer. All or nothing: one bad claim reverts the batch. The batch is
    /// bounded by the calldata the caller pays for.
    function claimMany(Claim[] calldata claims) external nonReentrant {
        uint256 sum;
        for (uint256 i = 0; i < claims.length; ++i) {
            _claim(claims[i].jobId, claims[i].amount, claims[i].proof);
            sum += claims[i].amount;
        }
        if (sum > 0) token.safeTransfer(msg.sender, sum);
    }

    /// @notice Returns to the requester what `jobId` still holds, once nobody can
    /// be paid from it any more (see the contract's rule above). Anyone may call.
    function reclaim(bytes32 jobId) external nonReentrant {
        Job storage j = _jobs[jobId];
        Status status = j.status;
        uint256 amount;
        uint64 availableAfter;
        if (status == Status.None) revert JobNotFound(jobId);
        if (status == Status.Closed) revert JobClosed(jobId);
        if (status == Status.Open) {
            availableAfter = uint64(j.deadline) + reclaimGrace;
            amount = j.budget;
        } else {
            availableAfter = uint64(j.settledAt) + claimWindow;
            amount = j.unclaimed;
        }
        if (block.timestamp <= availableAfter) revert ReclaimTooEarly(jobId, availableAfter);

        address requester = j.requester;
        j.status = Status.Closed;
        j.unclaimed = 0;
        emit Reclaimed(jobId, requester, amount, status == Status.Settled);

        if (amount > 0) token.safeTransfer(requester, amount);
    }

    /// @notice Takes `amount` of `node`'s stake (active first, then pending) and
    /// pays it to the requester of `jobId`, who alone may call, up to the job's
    /// deadline and the job's cap. `evidenceHash` identifies the verifier's record.
    function slash(address node, uint256 amount, bytes32 jobId, bytes32 evidenceHash) external nonReentrant {
        Job storage j = _jobs[jobId];
        if (j.status == Status.None) revert JobNotFound(jobId);
        address requester = j.requester;
        if (msg.sender != requester) revert NotRequester(jobId, msg.sender);
        if (block.timestamp > j.deadline) revert DeadlinePassed(jobId, j.deadline);
        if (amount == 0) revert ZeroAmount();
        uint256 cap = slashCap(jobId);
        uint256 after_ = uint256(j.slashed) + amount;
        if (after_ > cap) revert SlashCapExceeded(jobId, cap, after_);
        StakeInfo storage s = _stakes[node];
        uint256 active = s.active;
        uint256 have = active + s.pending;
        if (amount > have) revert InsufficientStake(node, have, amount);

        j.slashed = uint128(after_);
        if (amount <= active) {
            s.active = uint128(active - amount);
        } else {
            s.active = 0;
            s.pending = uint128(have - amount);
        }
        emit Slashed(jobId, node, amount, evidenceHash);

        token.safeTransfer(requester, amount);
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

    /// @notice The leaf of the payout tree for `node` and `amount`.
    function leafOf(address node, uint256 amount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(node, amount))));
    }

    function _claim(bytes32 jobId, uint256 amount, bytes32[] calldata proof) private {
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
        if (claimed[jobId][msg.sender]) revert AlreadyClaimed(jobId, msg.sender);
        if (!MerkleProof.verifyCalldata(proof, j.root, leafOf(msg.sender, amount))) {
            revert BadProof(jobId, msg.sender, amount);
        }
        uint256 unclaimed = j.unclaimed;
        if (amount > unclaimed) revert ClaimExceedsTotal(jobId, amount, unclaimed);

        claimed[jobId][msg.sender] = true;
        j.unclaimed = uint128(unclaimed - amount);
        emit Claimed(jobId, msg.sender, amount);
    }
}
