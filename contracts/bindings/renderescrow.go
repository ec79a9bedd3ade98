// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// RenderEscrowClaim is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowClaim struct {
	JobId  [32]byte
	Amount *big.Int
	Proof  [][32]byte
}

// RenderEscrowDispute is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowDispute struct {
	DrawBlock  uint64
	VotingEnds *big.Int
	Guilty     uint8
	Innocent   uint8
	Voted      uint8
	Arbiters   [3]common.Address
}

// RenderEscrowJob is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowJob struct {
	Requester common.Address
	Deadline  *big.Int
	SettledAt *big.Int
	Status    uint8
	Budget    *big.Int
	Unclaimed *big.Int
	Held      *big.Int
	Bond      *big.Int
	Slashed   *big.Int
	Root      [32]byte
}

// RenderEscrowNodeClaim is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowNodeClaim struct {
	JobId  [32]byte
	Node   common.Address
	Amount *big.Int
	Proof  [][32]byte
}

// RenderEscrowSignedCheck is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowSignedCheck struct {
	Task       *big.Int
	Crops      [32]byte
	RenderHash [32]byte
	Signature  []byte
}

// RenderEscrowSignedReceipt is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowSignedReceipt struct {
	JobId     [32]byte
	Amount    *big.Int
	Tasks     *big.Int
	Results   [32]byte
	Signature []byte
}

// RenderEscrowSignedResult is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowSignedResult struct {
	Task       *big.Int
	ResultHash [32]byte
	Signature  []byte
}

// RenderEscrowStakeInfo is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowStakeInfo struct {
	Active   *big.Int
	Pending  *big.Int
	UnlockAt uint64
}

// RenderEscrowMetaData contains all meta data concerning the RenderEscrow contract.
var RenderEscrowMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unstakeDelay_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"reclaimGrace_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"slashCapBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"requesterBondBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint128\",\"name\":\"disputeBond_\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"disputeWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voteWindow_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"AlreadyConvicted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"AlreadySettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"}],\"name\":\"AlreadyVoted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"AmountTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"ArbitersAlreadyDrawn\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadCheckSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"BadDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"BadProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadReceiptSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadResultSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadSlashCap\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"reclaimGrace\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimWindow\",\"type\":\"uint64\"}],\"name\":\"BadWindows\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"owed\",\"type\":\"uint256\"}],\"name\":\"BudgetExhausted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unclaimed\",\"type\":\"uint256\"}],\"name\":\"ClaimExceedsTotal\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"ClaimWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"DisputeOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"DisputeWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"drawBlock\",\"type\":\"uint64\"}],\"name\":\"DrawTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NoArbiters\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NoOpenDispute\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotArbiter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NotDisputable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRequester\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"NotSettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NothingToUnstake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"OverBudget\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"ReceiptTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"ReceiptWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"availableAfter\",\"type\":\"uint64\"}],\"name\":\"ReclaimTooEarly\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"availableAfter\",\"type\":\"uint64\"}],\"name\":\"ResolveTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"cap\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"requested\",\"type\":\"uint256\"}],\"name\":\"SlashCapExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"votingEnds\",\"type\":\"uint64\"}],\"name\":\"VotingClosed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address[3]\",\"name\":\"arbiters\",\"type\":\"address[3]\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"votingEnds\",\"type\":\"uint64\"}],\"name\":\"ArbitersDrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"crops\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"renderHash\",\"type\":\"bytes32\"}],\"name\":\"CheckSlashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"overturned\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"fee\",\"type\":\"uint256\"}],\"name\":\"DisputeResolved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"drawBlock\",\"type\":\"uint64\"}],\"name\":\"Disputed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"JobOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"JobSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bonus\",\"type\":\"uint256\"}],\"name\":\"ReceiptPaid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"closed\",\"type\":\"bool\"}],\"name\":\"Reclaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"active\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unstaked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"guilty\",\"type\":\"bool\"}],\"name\":\"Voted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ARBITERS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"CHECK_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_DRAWS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RECEIPT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RESULT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"bondFor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"burned\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"crops\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"renderHash\",\"type\":\"bytes32\"}],\"name\":\"checkDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tasks\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"results\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedReceipt[]\",\"name\":\"receipts\",\"type\":\"tuple[]\"}],\"name\":\"claimByReceipts\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claimFor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structRenderEscrow.NodeClaim[]\",\"name\":\"claims\",\"type\":\"tuple[]\"}],\"name\":\"claimForMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structRenderEscrow.Claim[]\",\"name\":\"claims\",\"type\":\"tuple[]\"}],\"name\":\"claimMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"claimWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"convictions\",\"outputs\":[{\"internalType\":\"uint128\",\"name\":\"amount\",\"type\":\"uint128\"},{\"internalType\":\"uint40\",\"name\":\"slashedAt\",\"type\":\"uint40\"},{\"internalType\":\"enumRenderEscrow.Verdict\",\"name\":\"verdict\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"dispute\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"disputeBond\",\"outputs\":[{\"internalType\":\"uint128\",\"name\":\"\",\"type\":\"uint128\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"disputeOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"drawBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"votingEnds\",\"type\":\"uint40\"},{\"internalType\":\"uint8\",\"name\":\"guilty\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"innocent\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"voted\",\"type\":\"uint8\"},{\"internalType\":\"address[3]\",\"name\":\"arbiters\",\"type\":\"address[3]\"}],\"internalType\":\"structRenderEscrow.Dispute\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"disputeWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"drawArbiters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"jobOf\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"internalType\":\"uint40\",\"name\":\"deadline\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"settledAt\",\"type\":\"uint40\"},{\"internalType\":\"enumRenderEscrow.Status\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint128\",\"name\":\"budget\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"unclaimed\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"held\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"bond\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"slashed\",\"type\":\"uint128\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"internalType\":\"structRenderEscrow.Job\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"leafOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"openDisputes\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"openJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"paid\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tasks\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"results\",\"type\":\"bytes32\"}],\"name\":\"receiptDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"reclaim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reclaimGrace\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requesterBondBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"resolve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"}],\"name\":\"resultDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedResult\",\"name\":\"result\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"slashCap\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slashCapBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"crops\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"renderHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedCheck\",\"name\":\"check\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slashCheck\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"stakeOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint128\",\"name\":\"active\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"pending\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"internalType\":\"structRenderEscrow.StakeInfo\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"stakerCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"name\":\"stakers\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstakeDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"guilty\",\"type\":\"bool\"}],\"name\":\"vote\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"voteWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "RenderEscrow",
	Bin: "0x610280604052348015610010575f5ffd5b50604051614c39380380614c3983398101604081905261002f916102f2565b6040518060400160405280600c81526020016b52656e646572457363726f7760a01b815250604051806040016040528060018152602001603160f81b81525061007d8261028960201b60201c565b6101205261008a81610289565b61014052815160208084019190912060e052815190820120610100524660a05261011660e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b0389166101465760405163d92e233d60e01b815260040160405180910390fd5b6127108561ffff16111561017857604051632438d84b60e11b815261ffff861660048201526024015b60405180910390fd5b6127108461ffff1611156101a557604051637f2c394f60e01b815261ffff8516600482015260240161016f565b866001600160401b0316866001600160401b031610156101eb57604051631f74ee5760e21b81526001600160401b0380891660048301528716602482015260440161016f565b866001600160401b0316826001600160401b0316111561023157604051631f74ee5760e21b81526001600160401b0380891660048301528316602482015260440161016f565b6001600160a01b03909816610160526001600160401b03968716610180529486166101a0529285166101c05261ffff9182166101e05216610200526001600160801b031661022052811661024052166102605261040a565b5f5f829050601f815111156102b3578260405163305a27a960e01b815260040161016f91906103af565b80516102be826103e4565b179392505050565b80516001600160401b03811681146102dc575f5ffd5b919050565b805161ffff811681146102dc575f5ffd5b5f5f5f5f5f5f5f5f5f6101208a8c03121561030b575f5ffd5b89516001600160a01b0381168114610321575f5ffd5b985061032f60208b016102c6565b975061033d60408b016102c6565b965061034b60608b016102c6565b955061035960808b016102e1565b945061036760a08b016102e1565b60c08b01519094506001600160801b0381168114610383575f5ffd5b925061039160e08b016102c6565b91506103a06101008b016102c6565b90509295985092959850929598565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610404575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516101a0516101c0516101e051610200516102205161024051610260516146b96105805f395f81816104de0152818161124f015261219c01525f81816102e401528181611e0b01526121c201525f818161034801528181611f65015281816122d901526130d601525f8181610688015281816125e7015261382b01525f81816105f5015261089801525f81816106af01528181611a2e01528181612d4b0152612dcf01525f81816102a00152818161196a015281816119ee01528181613651015261369301525f81816103ca015261095401525f818161081a01528181610b0d01528181610c3601528181610ee30152818161168201528181611b8a01528181611d0d01528181611f39015281816124eb01528181612594015281816129f50152612aad01525f61348e01525f61346301525f613a2901525f613a0101525f61395c01525f61398601525f6139b001526146b95ff3fe608060405234801561000f575f5ffd5b5060043610610297575f3560e01c806396afb36511610161578063e166a83d116100ca578063fa1056b211610084578063fa1056b2146107dc578063fa5c4e99146107ef578063fb4298ce14610802578063fc0c546a14610815578063fd3c4a8914610854578063fd5e6dd114610867575f5ffd5b8063e166a83d14610729578063e7979fed14610749578063e9a31ed01461075c578063f28d6e77146107b9578063f61962aa146107c1578063f698da25146107d4575f5ffd5b8063b906d2901161011b578063b906d29014610683578063c5d37ae1146106aa578063d1686604146106d1578063d76f8e80146106e4578063dff697871461070e578063e0b91f9214610716575f5ffd5b806396afb365146105dd578063a44678d9146105f0578063a694fc3a1461062a578063ad34971e1461063d578063add98c7014610650578063affe000e14610663575f5ffd5b8063652f0c2b11610203578063794adf23116101bd578063794adf231461053b5780637b4914311461054e57806384b0196e146105615780638ccb64d51461057c578063956223bd146105a357806395850f59146105b6575f5ffd5b8063652f0c2b146104b35780636915d334146104c65780636d430747146104d95780636fb7f3e414610500578063730ad4541461051f57806373f4256114610532575f5ffd5b80632309572111610254578063230957211461039557806327d718b4146103aa5780632def6620146103bd5780633222012f146103c55780633daef73e146103ec57806342623360146103ff575f5ffd5b80630ed0f4af1461029b578063117f5f92146102df578063123f8e9f146103065780631358f48f1461033b57806317baaf20146103435780631a16863314610382575b5f5ffd5b6102c27f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160401b0390911681526020015b60405180910390f35b6102c27f000000000000000000000000000000000000000000000000000000000000000081565b61032d7f0a2bd72495c3d375b6433f37917588c3dc00aa22da2a9dfa582e4ce0e77957dd81565b6040519081526020016102d6565b61032d600381565b61036a7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160801b0390911681526020016102d6565b61032d610390366004613de2565b61087a565b6103a86103a3366004613de2565b6108d7565b005b6103a86103b8366004613e40565b610a4a565b6103a8610b41565b6102c27f000000000000000000000000000000000000000000000000000000000000000081565b6103a86103fa366004613e7e565b610c69565b61047a61040d366004613ec2565b60408051606080820183525f80835260208084018290529284018190526001600160a01b0394909416845260088252928290208251938401835280546001600160801b038082168652600160801b9091041691840191909152600101546001600160401b03169082015290565b6040805182516001600160801b03908116825260208085015190911690820152918101516001600160401b0316908201526060016102d6565b6103a86104c1366004613edb565b610ebe565b6103a86104d4366004613f3d565b610f1a565b6102c27f000000000000000000000000000000000000000000000000000000000000000081565b61032d61050e366004613de2565b60046020525f908152604090205481565b6103a861052d366004613f67565b6112f3565b61032d60025481565b6103a8610549366004613e40565b6115b0565b6103a861055c366004613fa8565b6116b4565b6105696117a0565b6040516102d6979695949392919061403d565b61032d7fddb3328524016e9f98e9023eb7ec8c0e354e708b8fde3691054412a349b6f66081565b61032d6105b13660046140d3565b6117e2565b61032d7f097df79cab25cf19c8933a0866e301d488a9e7aa5e97753649e90af2a543946381565b6103a86105eb366004613de2565b611865565b6106177f000000000000000000000000000000000000000000000000000000000000000081565b60405161ffff90911681526020016102d6565b6103a8610638366004613de2565b611bbe565b61032d61064b366004614115565b611d3f565b6103a861065e366004613de2565b611d9b565b610676610671366004613de2565b611f95565b6040516102d6919061416c565b6106177f000000000000000000000000000000000000000000000000000000000000000081565b6102c27f000000000000000000000000000000000000000000000000000000000000000081565b6103a86106df366004613f3d565b6120c2565b61032d6106f2366004613f3d565b600560209081525f928352604080842090915290825290205481565b60095461032d565b61032d610724366004613de2565b6125db565b61073c610737366004613f3d565b61260d565b6040516102d6919061425b565b6103a8610757366004613e40565b6126dd565b6107aa61076a366004613f3d565b600660209081525f92835260408084209091529082529020546001600160801b03811690600160801b810464ffffffffff1690600160a81b900460ff1683565b6040516102d6939291906142e4565b61032d602081565b6103a86107cf36600461431f565b612730565b61032d612a26565b61032d6107ea366004613e7e565b612a34565b6103a86107fd366004614355565b612a88565b6103a86108103660046143a3565b612ae3565b61083c7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020016102d6565b61032d6108623660046143f9565b612bc7565b61083c610875366004613de2565b612c20565b5f81815260036020526040812060010154612710906108c79061ffff7f000000000000000000000000000000000000000000000000000000000000000016906001600160801b0316614435565b6108d19190614460565b92915050565b6108df612c48565b805f036108ff57604051631f2a200560e01b815260040160405180910390fd5b335f90815260086020526040902080546001600160801b03168083111561094e5760405163936d426d60e01b815233600482015260248101829052604481018490526064015b60405180910390fd5b5f6109797f000000000000000000000000000000000000000000000000000000000000000042614473565b90506109858483614492565b83546001600160801b0319166001600160801b0391821617808555859185916010916109bb918591600160801b909104166144a5565b82546101009290920a6001600160801b038181021990931691909216919091021790555060018301805467ffffffffffffffff19166001600160401b03831690811790915560408051868152602081019290925233917f21020437c0e4b58b34bd7ac1f1cef55e7820d1bcd93824ceb273cad96eea704c910160405180910390a2505050610a47612c7d565b50565b610a52612c48565b5f805b82811015610af957610ae5848483818110610a7257610a726144c4565b9050602002810190610a8491906144d8565b3533868685818110610a9857610a986144c4565b9050602002810190610aaa91906144d8565b60200135878786818110610ac057610ac06144c4565b9050602002810190610ad291906144d8565b610ae09060408101906144f6565b612ca7565b610aef908361453b565b9150600101610a55565b508015610b3457610b346001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383612fd1565b50610b3d612c7d565b5050565b610b49612c48565b335f90815260086020526040812080549091600160801b9091046001600160801b031690819003610b8f576040516378ec4c2b60e01b8152336004820152602401610945565b60018201546001600160401b0316421015610bd4576001820154604051634076506b60e01b81523360048201526001600160401b039091166024820152604401610945565b81546001600160801b0316825560018201805467ffffffffffffffff1916905560405181815233907f0f5bb82176feb1b5e747e28471aa92156a04d9f3ab9f45f28e2d704232b93f759060200160405180910390a2610c5d6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383612fd1565b5050610c67612c7d565b565b610c71612c48565b5f83815260036020526040812080549091600160f01b90910460ff1690816003811115610ca057610ca0614144565b03610cc15760405163c182b72d60e01b815260048101869052602401610945565b81546001600160a01b03163314610cf45760405163ada9265360e01b815260048101869052336024820152604401610945565b6002816003811115610d0857610d08614144565b03610d29576040516358cb522560e11b815260048101869052602401610945565b6003816003811115610d3d57610d3d614144565b03610d5e576040516343e3664160e11b815260048101869052602401610945565b8154600160a01b900464ffffffffff16421115610da7578154604051637fa0676960e01b815260048101879052600160a01b90910464ffffffffff166024820152604401610945565b60018201546001600160801b031680841115610dea5760405160016222bf4760e21b03198152600481018790526024810185905260448101829052606401610945565b825465ffffffffffff60c81b1916600160c81b4264ffffffffff160217600160f11b1783556001830180546001600160801b03908116600160801b91871691909102179055610e398482614492565b6002840180546001600160801b0319166001600160801b039290921691909117905560048301859055857fc77ac37457af23a4f815d9aab22c23d87c9a2b7426f35a58fcd0431a894e7cb68686610e908186614492565b6040805193845260208401929092529082015260600160405180910390a2505050610eb9612c7d565b505050565b610ec6612c48565b5f610ed48686868686612ca7565b9050610f0a6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168683612fd1565b50610f13612c7d565b5050505050565b610f22612c48565b60025f8381526006602090815260408083206001600160a01b0386168452909152902054600160a81b900460ff166004811115610f6157610f61614144565b14610f9157604051632c6efc2d60e21b8152600481018390526001600160a01b0382166024820152604401610945565b5f8281526007602090815260408083206001600160a01b038516845290915290208054600160401b900464ffffffffff1615610ff2576040516363d3898160e11b8152600481018490526001600160a01b0383166024820152604401610945565b80546001600160401b03164311611031578054604051634fa87d6160e11b8152600481018590526001600160401b039091166024820152604401610945565b80546001600160401b031640806110b25761104d43600161453b565b825467ffffffffffffffff19166001600160401b039190911690811783556040519081526001600160a01b0384169085907f8bf8d3bc1ba6404430c84ed1ad9486a05f837dc6ec0e1a14b7eb65f21cea21b89060200160405180910390a350506112eb565b5f848152600360205260408120546009546001600160a01b0390911691805b6020811080156110e15750600382105b80156110ec57505f83115b15611217575f6009848784604051602001611111929190918252602082015260400190565b604051602081830303815290604052805190602001205f1c611133919061454e565b81548110611143576111436144c4565b5f918252602090912001546001600160a01b0316905061116589898784613006565b61116f5750611207565b5f805b848110156111b657826001600160a01b0316896001018260038110611199576111996144c4565b01546001600160a01b0316036111ae57600191505b600101611172565b5080156111c4575050611207565b8160018901856111d381614561565b9650600381106111e5576111e56144c4565b0180546001600160a01b0319166001600160a01b039290921691909117905550505b61121081614561565b90506110d1565b50805f0361124957604051629485c760e41b8152600481018890526001600160a01b0387166024820152604401610945565b5f6112747f000000000000000000000000000000000000000000000000000000000000000042614473565b86546cffffffffff00000000000000001916600160401b64ffffffffff8316021787556040519091506001600160a01b0388169089907f63c53788700e36a46f1150d4730eaaae20a92b75322bad6c9128d6b46029c74a906112dc9060018b01908690614579565b60405180910390a35050505050505b610b3d612c7d565b6112fb612c48565b60025f8481526006602090815260408083206001600160a01b0387168452909152902054600160a81b900460ff16600481111561133a5761133a614144565b1461136a57604051632c6efc2d60e21b8152600481018490526001600160a01b0383166024820152604401610945565b5f8381526007602090815260408083206001600160a01b0386168452909152812080549091600160401b90910464ffffffffff1690036113c357838333604051630cb8d0a160e31b8152600401610945939291906145c2565b8054600160401b900464ffffffffff1642111561140c57805460405163d8cbb40d60e01b815260048101869052600160401b90910464ffffffffff166024820152604401610945565b5f5b60038110801561143d57503360018301826003811061142f5761142f6144c4565b01546001600160a01b031614155b156114525761144b81614561565b905061140e565b600381148061145f575033155b1561148357848433604051630cb8d0a160e31b8152600401610945939291906145c2565b81546001821b90600160781b9004811660ff16156114ba57858533604051637a9856e360e11b8152600401610945939291906145c2565b825460ff808316600160781b80840492909216170260ff60781b19909116178355831561151d5782546001908490600d90611500908490600160681b900460ff166145e1565b92506101000a81548160ff021916908360ff160217905550611555565b82546001908490600e9061153c908490600160701b900460ff166145e1565b92506101000a81548160ff021916908360ff1602179055505b336001600160a01b0316856001600160a01b0316877f19815ecd76ec1429714ac164b876113428fc307613bf3f616a9073285b2fa6678760405161159d911515815260200190565b60405180910390a4505050610eb9612c7d565b6115b8612c48565b5f5b81811015610b3457368383838181106115d5576115d56144c4565b90506020028101906115e791906145fa565b80355f90815260056020908152604080832093945061160b91908501908501613ec2565b6001600160a01b03166001600160a01b031681526020019081526020015f205481604001351161163b57506116ac565b5f61166382356116516040850160208601613ec2565b6040850135610ae060608701876144f6565b90506116a96116786040840160208501613ec2565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169083612fd1565b50505b6001016115ba565b6116bc612c48565b5f6116e26116d08785356020870135612a34565b6116dd604086018661460e565b613102565b9050846001600160a01b0316816001600160a01b031614158061170c57506001600160a01b038516155b15611730578585826040516325b8703960e21b8152600401610945939291906145c2565b61173b868686613119565b6040805185815260208181018590528535928201929092529084013560608201526001600160a01b0386169087907f4111b975cc068073b2a90e6b233d15b46a2f625f70d21ebdfee89f902b98bc0e906080015b60405180910390a350610f13612c7d565b5f6060805f5f5f60606117b161345c565b6117b9613487565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b604080517f097df79cab25cf19c8933a0866e301d488a9e7aa5e97753649e90af2a543946360208201529081018690526001600160a01b03851660608201526080810184905260a0810183905260c081018290525f9061185b9060e0015b604051602081830303815290604052805190602001206134b2565b9695505050505050565b61186d612c48565b5f81815260036020526040812080549091600160f01b90910460ff169081600381111561189c5761189c614144565b036118bd5760405163c182b72d60e01b815260048101849052602401610945565b60038160038111156118d1576118d1614144565b036118f2576040516343e3664160e11b815260048101849052602401610945565b5f838152600460205260409020541561192157604051635947dacd60e11b815260048101849052602401610945565b60028201545f90611944906001600160801b03600160801b82048116911661453b565b90505f600183600381111561195b5761195b614144565b036119e45783545f9061199d907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900464ffffffffff16614473565b9050806001600160401b031642116119da5760405163208a6adf60e11b8152600481018790526001600160401b0382166024820152604401610945565b6001915050611af6565b83545f90611a21907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614473565b85549091505f90611a61907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614473565b9050806001600160401b0316421115611a9e576001860154611a9390600160801b90046001600160801b03168561453b565b935060019250611af3565b816001600160401b031642111580611ab4575083155b15611af357868415611ac65782611ac8565b815b60405163208a6adf60e11b815260048101929092526001600160401b03166024820152604401610945565b50505b83545f60028601556001600160a01b03168115611b3057845460ff60f01b1916600360f01b1785556001850180546001600160801b031690555b6040805184815283151560208201526001600160a01b0383169188917f52c21b90c6f5706647f65a7fee375b5247681986f3aeac968e975e269fb4a5c7910160405180910390a38215611bb157611bb16001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168285612fd1565b5050505050610a47612c7d565b611bc6612c48565b805f03611be657604051631f2a200560e01b815260040160405180910390fd5b335f9081526008602052604081208054909190611c0d9084906001600160801b031661453b565b90506001600160801b03811115611c3a576040516304041d9560e11b815260048101849052602401610945565b81546001600160801b0319166001600160801b038216178255335f908152600a602052604090205460ff16611cc557335f818152600a60205260408120805460ff191660019081179091556009805491820181559091527f6e1540171b6c0c960b71a7020d9f60077f6af931a8bbf590da0223dacf75c7af0180546001600160a01b03191690911790555b604080518481526020810183905233917f1449c6dd7851abc30abf37f57715f492010519147cc2652fbc38202c18a6ee90910160405180910390a2611d356001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163330866134de565b5050610a47612c7d565b604080517fddb3328524016e9f98e9023eb7ec8c0e354e708b8fde3691054412a349b6f6606020820152908101859052606081018490526080810183905260a081018290525f90611d929060c001611840565b95945050505050565b611da3612c48565b5f818152600660209081526040808320338452909152902060018154600160a81b900460ff166004811115611dda57611dda614144565b14611e0157604051632b1ffaf560e21b815260048101839052336024820152604401610945565b80545f90611e3e907f000000000000000000000000000000000000000000000000000000000000000090600160801b900464ffffffffff16614473565b9050806001600160401b0316421115611e7c5760405163de47044160e01b8152600481018490526001600160401b0382166024820152604401610945565b815460ff60a81b1916600160a91b1782555f838152600460205260408120805460019290611eab90849061453b565b909155505f9050611ebd43600161453b565b5f8581526007602090815260408083203380855290835292819020805467ffffffffffffffff19166001600160401b0386169081179091559051908152929350909186917f8bf8d3bc1ba6404430c84ed1ad9486a05f837dc6ec0e1a14b7eb65f21cea21b8910160405180910390a3611f8a6001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001633306001600160801b037f0000000000000000000000000000000000000000000000000000000000000000166134de565b505050610a47612c7d565b60408051610140810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e0810182905261010081018290526101208101919091525f8281526003602081815260409283902083516101408101855281546001600160a01b038116825264ffffffffff600160a01b8204811694830194909452600160c81b81049093169481019490945291606084019160ff600160f01b909104169081111561205557612055614144565b600381111561206657612066614144565b815260018201546001600160801b038082166020840152600160801b918290048116604084015260028401548082166060850152919091048116608083015260038301541660a082015260049091015460c09091015292915050565b6120ca612c48565b5f8281526006602090815260408083206001600160a01b0385168452909152902060028154600160a81b900460ff16600481111561210a5761210a614144565b1461213a57604051632c6efc2d60e21b8152600481018490526001600160a01b0383166024820152604401610945565b5f8381526007602090815260408083206001600160a01b03861684529091528120805490919061217d9060ff600160701b8204811691600160681b90041661453b565b8254909150600160401b900464ffffffffff165f036122425782545f907f0000000000000000000000000000000000000000000000000000000000000000906121f5907f000000000000000000000000000000000000000000000000000000000000000090600160801b900464ffffffffff16614473565b6121ff9190614473565b9050806001600160401b0316421161223c57604051636e561aa960e11b8152600481018790526001600160401b0382166024820152604401610945565b5061229f565b8154600160401b900464ffffffffff164211801590612268575061226582613514565b81105b1561229f578154604051636e561aa960e11b815260048101879052600160401b90910464ffffffffff166024820152604401610945565b5f85815260036020908152604080832060049092528220805491926001926122c8908490614492565b909155505082546001600160801b037f000000000000000000000000000000000000000000000000000000000000000016905f90829060ff600160681b82048116600160701b90920416118015612472578754600160aa1b60ff60a81b198216178955600280546001600160801b03909216918291905f9061234b908490614492565b90915550506003860180548291905f9061236f9084906001600160801b0316614650565b82546101009290920a6001600160801b038181021990931691831602179091556001600160a01b038c165f908152600860205260408120805485945090926123b9918591166144a5565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550848660020160109054906101000a90046001600160801b03166001600160801b03161061240a5784612420565b6002860154600160801b90046001600160801b03165b9350838660020160108282829054906101000a90046001600160801b03166124489190614650565b92506101000a8154816001600160801b0302191690836001600160801b0316021790555050612490565b875460ff60a81b1916600360a81b1788558515612490578392505f91505b604080518215158152602081018590526001600160a01b038b16918c917f132d38a4764a3b723f8a96d80fe88e2f04637beba6a6a84c3cf9dc4af2135c59910160405180910390a38115612512576125126001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168a84612fd1565b82156125cb575f6125238785614460565b90505f6125308883614435565b61253a9086614492565b90505f5b60038110156125c7578954600160781b90046001821b1660ff16156125bf576125bb8a6001018260038110612575576125756144c4565b01546001600160a01b031661258a848661453b565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169190612fd1565b5f91505b60010161253e565b5050505b5050505050505050610b3d612c7d565b5f6127106108c761ffff7f00000000000000000000000000000000000000000000000000000000000000001684614435565b612615613d89565b5f8381526007602090815260408083206001600160a01b0386168452825291829020825160c08101845281546001600160401b038116825264ffffffffff600160401b8204169382019390935260ff600160681b8404811682860152600160701b84048116606080840191909152600160781b90940416608082015283519283019093529060a08301906001830160038282826020028201915b81546001600160a01b031681526001909101906020018083116126af57505050505081525050905092915050565b6126e5612c48565b5f805b82811015610af95761271c848483818110612705576127056144c4565b9050602002810190612717919061466f565b613560565b612726908361453b565b91506001016126e8565b612738612c48565b5f838152600360208190526040822054600160f01b900460ff169081111561276257612762614144565b1461278357604051639e2b4bfd60e01b815260048101849052602401610945565b815f036127a357604051631f2a200560e01b815260040160405180910390fd5b6001600160801b038211156127ce576040516304041d9560e11b815260048101839052602401610945565b42816001600160401b03161115806127f3575064ffffffffff6001600160401b038216115b156128225760405163810be31560e01b81526001600160401b0382166004820152426024820152604401610945565b5f61282c836125db565b604080516101408101825233815264ffffffffff85811660208084019182525f8486018181526001606087019081526001600160801b038c81166080890181905260a0890185905260c0890152891660e0880152610100870183905261012087018390528c83526003938490529690912085518154945192518616600160c81b0264ffffffffff60c81b1993909616600160a01b026001600160c81b03199095166001600160a01b039091161793909317908116841783559451959650929490939092849260ff60f01b191665ffffffffffff60c81b199092169190911790600160f01b90849081111561292257612922614144565b0217905550608082015160a08301516001600160801b03918216600160801b918316820217600184015560c084015160e08501519083169083169091021760028301556101008301516003830180546001600160801b0319169190921617905561012090910151600490910155604080518481526001600160401b0384166020820152908101829052339085907f1f7cddf2101edb94c86d2219c722fcb33cd7f75b564374900e0e6c91fd8ad7af9060600160405180910390a3612a1d33306129eb848761453b565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169291906134de565b50610eb9612c7d565b5f612a2f613950565b905090565b604080517f0a2bd72495c3d375b6433f37917588c3dc00aa22da2a9dfa582e4ce0e77957dd602082015290810184905260608101839052608081018290525f90612a809060a001611840565b949350505050565b612a90612c48565b5f612a9e8533868686612ca7565b9050612ad46001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383612fd1565b50612add612c7d565b50505050565b612aeb612c48565b5f612b11612b0487853560208701356040880135611d3f565b6116dd606086018661460e565b9050846001600160a01b0316816001600160a01b0316141580612b3b57506001600160a01b038516155b15612b5f578585826040516368af365760e01b8152600401610945939291906145c2565b612b6a868686613119565b60408051858152602081810185905285358284015285013560608201529084013560808201526001600160a01b0386169087907f1f4ef468536ab96928f858a2a76a37d312183c7773b7e98654579e0d6bec08069060a00161178f565b604080516001600160a01b03841660208201529081018290525f9060600160408051601f198184030181528282528051602091820120908301520160405160208183030381529060405280519060200120905092915050565b60098181548110612c2f575f80fd5b5f918252602090912001546001600160a01b0316905081565b612c50613a79565b610c6760017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90613ab9565b610c675f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612c77565b5f8581526003602052604081208054600160f01b900460ff166002816003811115612cd457612cd4614144565b14612dc5575f816003811115612cec57612cec614144565b03612d0d5760405163c182b72d60e01b815260048101899052602401610945565b6003816003811115612d2157612d21614144565b148015612d3c57508154600160c81b900464ffffffffff1615155b15612da95781548890612d7e907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614473565b60405163083f703960e11b815260048101929092526001600160401b03166024820152604401610945565b604051631d46cb0560e01b815260048101899052602401610945565b81545f90612e02907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614473565b9050806001600160401b0316421115612e405760405163083f703960e11b8152600481018a90526001600160401b0382166024820152604401610945565b5f8981526005602090815260408083206001600160a01b038c168452909152902054808811612e945760405163546511c760e11b8152600481018b90526001600160a01b038a166024820152604401610945565b612ead87878660040154612ea88d8d612bc7565b613ac0565b612ee35760405163e41a1ecf60e01b8152600481018b90526001600160a01b038a16602482015260448101899052606401610945565b612eed8189614492565b6001850154909550600160801b90046001600160801b031680861115612f365760405162a378ab60e31b8152600481018c90526024810187905260448101829052606401610945565b5f8b81526005602090815260408083206001600160a01b038e1684529091529020899055612f648682614492565b6001860180546001600160801b03928316600160801b0292169190911790556040518681526001600160a01b038b16908c907f0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f9060200160405180910390a3505050505095945050505050565b612fde8383836001613ad7565b610eb957604051635274afe760e01b81526001600160a01b0384166004820152602401610945565b5f836001600160a01b0316826001600160a01b03161415801561303b5750826001600160a01b0316826001600160a01b031614155b801561306657505f8581526005602090815260408083206001600160a01b0386168452909152902054155b80156130ad57505f5f8681526006602090815260408083206001600160a01b0387168452909152902054600160a81b900460ff1660048111156130ab576130ab614144565b145b8015611d925750506001600160a01b03165f908152600860205260409020546001600160801b037f00000000000000000000000000000000000000000000000000000000000000008116911610159392505050565b5f61310e848484613b39565b509095945050505050565b5f838152600360205260408120908154600160f01b900460ff16600381111561314457613144614144565b036131655760405163c182b72d60e01b815260048101859052602401610945565b80546001600160a01b031633146131985760405163ada9265360e01b815260048101859052336024820152604401610945565b60018154600160f01b900460ff1660038111156131b7576131b7614144565b146131d8576040516358cb522560e11b815260048101859052602401610945565b8054600160a01b900464ffffffffff16421115613221578054604051637fa0676960e01b815260048101869052600160a01b90910464ffffffffff166024820152604401610945565b815f0361324157604051631f2a200560e01b815260040160405180910390fd5b5f8481526006602090815260408083206001600160a01b03871684529091528120908154600160a81b900460ff16600481111561328057613280614144565b146132b0576040516358f88aad60e01b8152600481018690526001600160a01b0385166024820152604401610945565b5f6132ba8661087a565b60038401549091505f906132d89086906001600160801b031661453b565b90508181111561330c576040516301f12f2760e71b8152600481018890526024810183905260448101829052606401610945565b6001600160a01b0386165f908152600860205260408120805490916001600160801b038083169261334691600160801b909104168361453b565b9050808811156133825760405163936d426d60e01b81526001600160a01b038a1660048201526024810182905260448101899052606401610945565b8554600160a81b60ff60a81b196001600160801b038b81166001600160a81b031990941693909317600160801b4264ffffffffff160217161787556003880180549186166001600160801b0319909216919091179055818811613409576133e98883614492565b83546001600160801b0319166001600160801b039190911617835561343a565b82546001600160801b03191683556134218882614492565b83546001600160801b03918216600160801b0291161783555b8760025f82825461344b919061453b565b909155505050505050505050505050565b6060612a2f7f0000000000000000000000000000000000000000000000000000000000000000613b80565b6060612a2f7f0000000000000000000000000000000000000000000000000000000000000000613b80565b5f6108d16134be613950565b8360405161190160f01b8152600281019290925260228201526042902090565b6134ec848484846001613bbd565b612add57604051635274afe760e01b81526001600160a01b0385166004820152602401610945565b5f805b600381101561355a575f600184018260038110613536576135366144c4565b01546001600160a01b0316146135525761354f82614561565b91505b600101613517565b50919050565b80355f8181526003602052604081208054919291600160f01b900460ff168381600381111561359157613591614144565b036135b25760405163c182b72d60e01b815260048101849052602401610945565b60038160038111156135c6576135c6614144565b036135e7576040516343e3664160e11b815260048101849052602401610945565b5f60018260038111156135fc576135fc614144565b0361368b578254600160a01b900464ffffffffff16421161364957825460405163ac5a12e160e01b815260048101869052600160a01b90910464ffffffffff166024820152604401610945565b8254613684907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900464ffffffffff16614473565b90506136c9565b82546136c6907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614473565b90505b806001600160401b03164211156137055760405163766bc71360e01b8152600481018590526001600160401b0382166024820152604401610945565b5f61372f61372286338a602001358b604001358c606001356117e2565b6116dd60808a018a61460e565b84549091506001600160a01b03808316911614613765578433826040516328a54a2d60e11b8152600401610945939291906145c2565b5f8581526005602090815260408083203384528252909120549088013581106137aa5760405163546511c760e11b815260048101879052336024820152604401610945565b5f6137b98260208b0135614492565b60028701549091506001600160801b03165f8183106137d857816137da565b825b9050805f036138065760405163bee974df60e01b8152600481018a905260248101849052604401610945565b5f600188600381111561381b5761381b614144565b036138aa5761271061385161ffff7f00000000000000000000000000000000000000000000000000000000000000001684614435565b61385b9190614460565b60028a0154909150600160801b90046001600160801b03168082111561387f578091505b6138898282614492565b60028b0180546001600160801b03928316600160801b029216919091179055505b6138b4828661453b565b5f8b81526005602090815260408083203384529091529020556138d78284614492565b60028a0180546001600160801b0319166001600160801b0392909216919091179055604080518381526020810183905233918c917f99c7630d148678da3a9a6153c88ff0a3bbfd416c3704b20f300c47097cec19c6910160405180910390a3613940818361453b565b9c9b505050505050505050505050565b5f306001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000161480156139a857507f000000000000000000000000000000000000000000000000000000000000000046145b156139d257507f000000000000000000000000000000000000000000000000000000000000000090565b612a2f604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15610c6757604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f82613acd868685613c2a565b1495945050505050565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316613b2d578383151615613b21573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f80806041849003613b6d578435602086013560408701355f1a613b5f89828585613c6b565b955095509550505050613b77565b505f915060029050825b93509350939050565b60605f613b8c83613d33565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316613c19578383151615613c0d573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f81815b84811015613c6257613c5882878784818110613c4c57613c4c6144c4565b90506020020135613d5a565b9150600101613c2e565b50949350505050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115613ca457505f91506003905082613d29565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015613cf5573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116613d2057505f925060019150829050613d29565b92505f91508190505b9450945094915050565b5f60ff8216601f8111156108d157604051632cd44ac360e21b815260040160405180910390fd5b5f818310613d74575f828152602084905260409020613d82565b5f8381526020839052604090205b9392505050565b6040805160c0810182525f8082526020820181905291810182905260608101829052608081019190915260a08101613dbf613dc4565b905290565b60405180606001604052806003906020820280368337509192915050565b5f60208284031215613df2575f5ffd5b5035919050565b5f5f83601f840112613e09575f5ffd5b5081356001600160401b03811115613e1f575f5ffd5b6020830191508360208260051b8501011115613e39575f5ffd5b9250929050565b5f5f60208385031215613e51575f5ffd5b82356001600160401b03811115613e66575f5ffd5b613e7285828601613df9565b90969095509350505050565b5f5f5f60608486031215613e90575f5ffd5b505081359360208301359350604090920135919050565b80356001600160a01b0381168114613ebd575f5ffd5b919050565b5f60208284031215613ed2575f5ffd5b613d8282613ea7565b5f5f5f5f5f60808688031215613eef575f5ffd5b85359450613eff60208701613ea7565b93506040860135925060608601356001600160401b03811115613f20575f5ffd5b613f2c88828901613df9565b969995985093965092949392505050565b5f5f60408385031215613f4e575f5ffd5b82359150613f5e60208401613ea7565b90509250929050565b5f5f5f60608486031215613f79575f5ffd5b83359250613f8960208501613ea7565b915060408401358015158114613f9d575f5ffd5b809150509250925092565b5f5f5f5f5f60a08688031215613fbc575f5ffd5b85359450613fcc60208701613ea7565b93506040860135925060608601356001600160401b03811115613fed575f5ffd5b860160608189031215613ffe575f5ffd5b949793965091946080013592915050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f61405b60e083018961400f565b828103604084015261406d818961400f565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b818110156140c25783518352602093840193909201916001016140a4565b50909b9a5050505050505050505050565b5f5f5f5f5f60a086880312156140e7575f5ffd5b853594506140f760208701613ea7565b94979496505050506040830135926060810135926080909101359150565b5f5f5f5f60808587031215614128575f5ffd5b5050823594602084013594506040840135936060013592509050565b634e487b7160e01b5f52602160045260245ffd5b6004811061416857614168614144565b9052565b81516001600160a01b0316815261014081016020830151614196602084018264ffffffffff169052565b5060408301516141af604084018264ffffffffff169052565b5060608301516141c26060840182614158565b5060808301516141dd60808401826001600160801b03169052565b5060a08301516141f860a08401826001600160801b03169052565b5060c083015161421360c08401826001600160801b03169052565b5060e083015161422e60e08401826001600160801b03169052565b5061010083015161424b6101008401826001600160801b03169052565b5061012092830151919092015290565b5f610100820190506001600160401b03835116825264ffffffffff602084015116602083015260ff604084015116604083015260ff606084015116606083015260ff608084015116608083015260a083015160a083015f5b60038110156142db5782516001600160a01b03168252602092830192909101906001016142b3565b50505092915050565b6001600160801b038416815264ffffffffff83166020820152606081016005831061431157614311614144565b826040830152949350505050565b5f5f5f60608486031215614331575f5ffd5b833592506020840135915060408401356001600160401b0381168114613f9d575f5ffd5b5f5f5f5f60608587031215614368575f5ffd5b843593506020850135925060408501356001600160401b0381111561438b575f5ffd5b61439787828801613df9565b95989497509550505050565b5f5f5f5f5f60a086880312156143b7575f5ffd5b853594506143c760208701613ea7565b93506040860135925060608601356001600160401b038111156143e8575f5ffd5b860160808189031215613ffe575f5ffd5b5f5f6040838503121561440a575f5ffd5b61441383613ea7565b946020939093013593505050565b634e487b7160e01b5f52601160045260245ffd5b80820281158282048414176108d1576108d1614421565b634e487b7160e01b5f52601260045260245ffd5b5f8261446e5761446e61444c565b500490565b6001600160401b0381811683821601908111156108d1576108d1614421565b818103818111156108d1576108d1614421565b6001600160801b0381811683821601908111156108d1576108d1614421565b634e487b7160e01b5f52603260045260245ffd5b5f8235605e198336030181126144ec575f5ffd5b9190910192915050565b5f5f8335601e1984360301811261450b575f5ffd5b8301803591506001600160401b03821115614524575f5ffd5b6020019150600581901b3603821315613e39575f5ffd5b808201808211156108d1576108d1614421565b5f8261455c5761455c61444c565b500690565b5f6001820161457257614572614421565b5060010190565b6080810181845f5b60038110156145a95781546001600160a01b0316835260209092019160019182019101614581565b5050506001600160401b03831660608301529392505050565b9283526001600160a01b03918216602084015216604082015260600190565b60ff81811683821601908111156108d1576108d1614421565b5f8235607e198336030181126144ec575f5ffd5b5f5f8335601e19843603018112614623575f5ffd5b8301803591506001600160401b0382111561463c575f5ffd5b602001915036819003821315613e39575f5ffd5b6001600160801b0382811682821603908111156108d1576108d1614421565b5f8235609e198336030181126144ec575f5ffdfea26469706673582212206654ccb2016742a8f71136b534f48cf6a8864c1150df1d294d50d6bf0eeeb0db64736f6c63430008250033",
}

// RenderEscrow is an auto generated Go binding around an Ethereum contract.
type RenderEscrow struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *RenderEscrow) GetABI() abi.ABI {
	return c.abi
}

// NewRenderEscrow creates a new instance of RenderEscrow.
func NewRenderEscrow() *RenderEscrow {
	parsed, err := RenderEscrowMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &RenderEscrow{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *RenderEscrow) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address token_, uint64 unstakeDelay_, uint64 reclaimGrace_, uint64 claimWindow_, uint16 slashCapBps_, uint16 requesterBondBps_, uint128 disputeBond_, uint64 disputeWindow_, uint64 voteWindow_) returns()
func (renderEscrow *RenderEscrow) PackConstructor(token_ common.Address, unstakeDelay_ uint64, reclaimGrace_ uint64, claimWindow_ uint64, slashCapBps_ uint16, requesterBondBps_ uint16, disputeBond_ *big.Int, disputeWindow_ uint64, voteWindow_ uint64) []byte {
	enc, err := renderEscrow.abi.Pack("", token_, unstakeDelay_, reclaimGrace_, claimWindow_, slashCapBps_, requesterBondBps_, disputeBond_, disputeWindow_, voteWindow_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackARBITERS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1358f48f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ARBITERS() view returns(uint256)
func (renderEscrow *RenderEscrow) PackARBITERS() []byte {
	enc, err := renderEscrow.abi.Pack("ARBITERS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackARBITERS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1358f48f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ARBITERS() view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackARBITERS() ([]byte, error) {
	return renderEscrow.abi.Pack("ARBITERS")
}

// UnpackARBITERS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1358f48f.
//
// Solidity: function ARBITERS() view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackARBITERS(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("ARBITERS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCHECKTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ccb64d5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function CHECK_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) PackCHECKTYPEHASH() []byte {
	enc, err := renderEscrow.abi.Pack("CHECK_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCHECKTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8ccb64d5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function CHECK_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackCHECKTYPEHASH() ([]byte, error) {
	return renderEscrow.abi.Pack("CHECK_TYPEHASH")
}

// UnpackCHECKTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8ccb64d5.
//
// Solidity: function CHECK_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackCHECKTYPEHASH(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("CHECK_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMAXDRAWS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf28d6e77.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_DRAWS() view returns(uint256)
func (renderEscrow *RenderEscrow) PackMAXDRAWS() []byte {
	enc, err := renderEscrow.abi.Pack("MAX_DRAWS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXDRAWS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf28d6e77.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_DRAWS() view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackMAXDRAWS() ([]byte, error) {
	return renderEscrow.abi.Pack("MAX_DRAWS")
}

// UnpackMAXDRAWS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf28d6e77.
//
// Solidity: function MAX_DRAWS() view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackMAXDRAWS(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("MAX_DRAWS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRECEIPTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95850f59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function RECEIPT_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) PackRECEIPTTYPEHASH() []byte {
	enc, err := renderEscrow.abi.Pack("RECEIPT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRECEIPTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95850f59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function RECEIPT_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackRECEIPTTYPEHASH() ([]byte, error) {
	return renderEscrow.abi.Pack("RECEIPT_TYPEHASH")
}

// UnpackRECEIPTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95850f59.
//
// Solidity: function RECEIPT_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackRECEIPTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("RECEIPT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRESULTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x123f8e9f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function RESULT_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) PackRESULTTYPEHASH() []byte {
	enc, err := renderEscrow.abi.Pack("RESULT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRESULTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x123f8e9f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function RESULT_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackRESULTTYPEHASH() ([]byte, error) {
	return renderEscrow.abi.Pack("RESULT_TYPEHASH")
}

// UnpackRESULTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x123f8e9f.
//
// Solidity: function RESULT_TYPEHASH() view returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackRESULTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("RESULT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackBondFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe0b91f92.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bondFor(uint256 budget) view returns(uint256)
func (renderEscrow *RenderEscrow) PackBondFor(budget *big.Int) []byte {
	enc, err := renderEscrow.abi.Pack("bondFor", budget)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBondFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe0b91f92.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bondFor(uint256 budget) view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackBondFor(budget *big.Int) ([]byte, error) {
	return renderEscrow.abi.Pack("bondFor", budget)
}

// UnpackBondFor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe0b91f92.
//
// Solidity: function bondFor(uint256 budget) view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackBondFor(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("bondFor", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73f42561.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burned() view returns(uint256)
func (renderEscrow *RenderEscrow) PackBurned() []byte {
	enc, err := renderEscrow.abi.Pack("burned")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurned is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x73f42561.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burned() view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackBurned() ([]byte, error) {
	return renderEscrow.abi.Pack("burned")
}

// UnpackBurned is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x73f42561.
//
// Solidity: function burned() view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackBurned(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("burned", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCheckDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xad34971e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function checkDigest(bytes32 jobId, uint256 task, bytes32 crops, bytes32 renderHash) view returns(bytes32)
func (renderEscrow *RenderEscrow) PackCheckDigest(jobId [32]byte, task *big.Int, crops [32]byte, renderHash [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("checkDigest", jobId, task, crops, renderHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCheckDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xad34971e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function checkDigest(bytes32 jobId, uint256 task, bytes32 crops, bytes32 renderHash) view returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackCheckDigest(jobId [32]byte, task *big.Int, crops [32]byte, renderHash [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("checkDigest", jobId, task, crops, renderHash)
}

// UnpackCheckDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xad34971e.
//
// Solidity: function checkDigest(bytes32 jobId, uint256 task, bytes32 crops, bytes32 renderHash) view returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackCheckDigest(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("checkDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa5c4e99.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claim(bytes32 jobId, uint256 amount, bytes32[] proof) returns()
func (renderEscrow *RenderEscrow) PackClaim(jobId [32]byte, amount *big.Int, proof [][32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("claim", jobId, amount, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa5c4e99.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claim(bytes32 jobId, uint256 amount, bytes32[] proof) returns()
func (renderEscrow *RenderEscrow) TryPackClaim(jobId [32]byte, amount *big.Int, proof [][32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("claim", jobId, amount, proof)
}

// PackClaimByReceipts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7979fed.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimByReceipts((bytes32,uint256,uint256,bytes32,bytes)[] receipts) returns()
func (renderEscrow *RenderEscrow) PackClaimByReceipts(receipts []RenderEscrowSignedReceipt) []byte {
	enc, err := renderEscrow.abi.Pack("claimByReceipts", receipts)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimByReceipts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe7979fed.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimByReceipts((bytes32,uint256,uint256,bytes32,bytes)[] receipts) returns()
func (renderEscrow *RenderEscrow) TryPackClaimByReceipts(receipts []RenderEscrowSignedReceipt) ([]byte, error) {
	return renderEscrow.abi.Pack("claimByReceipts", receipts)
}

// PackClaimFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x652f0c2b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimFor(bytes32 jobId, address node, uint256 amount, bytes32[] proof) returns()
func (renderEscrow *RenderEscrow) PackClaimFor(jobId [32]byte, node common.Address, amount *big.Int, proof [][32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("claimFor", jobId, node, amount, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x652f0c2b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimFor(bytes32 jobId, address node, uint256 amount, bytes32[] proof) returns()
func (renderEscrow *RenderEscrow) TryPackClaimFor(jobId [32]byte, node common.Address, amount *big.Int, proof [][32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("claimFor", jobId, node, amount, proof)
}

// PackClaimForMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x794adf23.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimForMany((bytes32,address,uint256,bytes32[])[] claims) returns()
func (renderEscrow *RenderEscrow) PackClaimForMany(claims []RenderEscrowNodeClaim) []byte {
	enc, err := renderEscrow.abi.Pack("claimForMany", claims)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimForMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x794adf23.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimForMany((bytes32,address,uint256,bytes32[])[] claims) returns()
func (renderEscrow *RenderEscrow) TryPackClaimForMany(claims []RenderEscrowNodeClaim) ([]byte, error) {
	return renderEscrow.abi.Pack("claimForMany", claims)
}

// PackClaimMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x27d718b4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimMany((bytes32,uint256,bytes32[])[] claims) returns()
func (renderEscrow *RenderEscrow) PackClaimMany(claims []RenderEscrowClaim) []byte {
	enc, err := renderEscrow.abi.Pack("claimMany", claims)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x27d718b4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimMany((bytes32,uint256,bytes32[])[] claims) returns()
func (renderEscrow *RenderEscrow) TryPackClaimMany(claims []RenderEscrowClaim) ([]byte, error) {
	return renderEscrow.abi.Pack("claimMany", claims)
}

// PackClaimWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5d37ae1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) PackClaimWindow() []byte {
	enc, err := renderEscrow.abi.Pack("claimWindow")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5d37ae1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) TryPackClaimWindow() ([]byte, error) {
	return renderEscrow.abi.Pack("claimWindow")
}

// UnpackClaimWindow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc5d37ae1.
//
// Solidity: function claimWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) UnpackClaimWindow(data []byte) (uint64, error) {
	out, err := renderEscrow.abi.Unpack("claimWindow", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackConvictions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9a31ed0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function convictions(bytes32 jobId, address node) view returns(uint128 amount, uint40 slashedAt, uint8 verdict)
func (renderEscrow *RenderEscrow) PackConvictions(jobId [32]byte, node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("convictions", jobId, node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConvictions is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9a31ed0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function convictions(bytes32 jobId, address node) view returns(uint128 amount, uint40 slashedAt, uint8 verdict)
func (renderEscrow *RenderEscrow) TryPackConvictions(jobId [32]byte, node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("convictions", jobId, node)
}

// ConvictionsOutput serves as a container for the return parameters of contract
// method Convictions.
type ConvictionsOutput struct {
	Amount    *big.Int
	SlashedAt *big.Int
	Verdict   uint8
}

// UnpackConvictions is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe9a31ed0.
//
// Solidity: function convictions(bytes32 jobId, address node) view returns(uint128 amount, uint40 slashedAt, uint8 verdict)
func (renderEscrow *RenderEscrow) UnpackConvictions(data []byte) (ConvictionsOutput, error) {
	out, err := renderEscrow.abi.Unpack("convictions", data)
	outstruct := new(ConvictionsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Amount = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.SlashedAt = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Verdict = *abi.ConvertType(out[2], new(uint8)).(*uint8)
	return *outstruct, nil
}

// PackDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xadd98c70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function dispute(bytes32 jobId) returns()
func (renderEscrow *RenderEscrow) PackDispute(jobId [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("dispute", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDispute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xadd98c70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function dispute(bytes32 jobId) returns()
func (renderEscrow *RenderEscrow) TryPackDispute(jobId [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("dispute", jobId)
}

// PackDisputeBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x17baaf20.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function disputeBond() view returns(uint128)
func (renderEscrow *RenderEscrow) PackDisputeBond() []byte {
	enc, err := renderEscrow.abi.Pack("disputeBond")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDisputeBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x17baaf20.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function disputeBond() view returns(uint128)
func (renderEscrow *RenderEscrow) TryPackDisputeBond() ([]byte, error) {
	return renderEscrow.abi.Pack("disputeBond")
}

// UnpackDisputeBond is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x17baaf20.
//
// Solidity: function disputeBond() view returns(uint128)
func (renderEscrow *RenderEscrow) UnpackDisputeBond(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("disputeBond", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDisputeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe166a83d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function disputeOf(bytes32 jobId, address node) view returns((uint64,uint40,uint8,uint8,uint8,address[3]))
func (renderEscrow *RenderEscrow) PackDisputeOf(jobId [32]byte, node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("disputeOf", jobId, node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDisputeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe166a83d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function disputeOf(bytes32 jobId, address node) view returns((uint64,uint40,uint8,uint8,uint8,address[3]))
func (renderEscrow *RenderEscrow) TryPackDisputeOf(jobId [32]byte, node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("disputeOf", jobId, node)
}

// UnpackDisputeOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe166a83d.
//
// Solidity: function disputeOf(bytes32 jobId, address node) view returns((uint64,uint40,uint8,uint8,uint8,address[3]))
func (renderEscrow *RenderEscrow) UnpackDisputeOf(data []byte) (RenderEscrowDispute, error) {
	out, err := renderEscrow.abi.Unpack("disputeOf", data)
	if err != nil {
		return *new(RenderEscrowDispute), err
	}
	out0 := *abi.ConvertType(out[0], new(RenderEscrowDispute)).(*RenderEscrowDispute)
	return out0, nil
}

// PackDisputeWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x117f5f92.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function disputeWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) PackDisputeWindow() []byte {
	enc, err := renderEscrow.abi.Pack("disputeWindow")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDisputeWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x117f5f92.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function disputeWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) TryPackDisputeWindow() ([]byte, error) {
	return renderEscrow.abi.Pack("disputeWindow")
}

// UnpackDisputeWindow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x117f5f92.
//
// Solidity: function disputeWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) UnpackDisputeWindow(data []byte) (uint64, error) {
	out, err := renderEscrow.abi.Unpack("disputeWindow", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (renderEscrow *RenderEscrow) PackDomainSeparator() []byte {
	enc, err := renderEscrow.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackDomainSeparator() ([]byte, error) {
	return renderEscrow.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackDrawArbiters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6915d334.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function drawArbiters(bytes32 jobId, address node) returns()
func (renderEscrow *RenderEscrow) PackDrawArbiters(jobId [32]byte, node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("drawArbiters", jobId, node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDrawArbiters is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6915d334.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function drawArbiters(bytes32 jobId, address node) returns()
func (renderEscrow *RenderEscrow) TryPackDrawArbiters(jobId [32]byte, node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("drawArbiters", jobId, node)
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (renderEscrow *RenderEscrow) PackEip712Domain() []byte {
	enc, err := renderEscrow.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (renderEscrow *RenderEscrow) TryPackEip712Domain() ([]byte, error) {
	return renderEscrow.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (renderEscrow *RenderEscrow) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := renderEscrow.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackJobOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaffe000e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,uint128,uint128,bytes32))
func (renderEscrow *RenderEscrow) PackJobOf(jobId [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("jobOf", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJobOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaffe000e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,uint128,uint128,bytes32))
func (renderEscrow *RenderEscrow) TryPackJobOf(jobId [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("jobOf", jobId)
}

// UnpackJobOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaffe000e.
//
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,uint128,uint128,bytes32))
func (renderEscrow *RenderEscrow) UnpackJobOf(data []byte) (RenderEscrowJob, error) {
	out, err := renderEscrow.abi.Unpack("jobOf", data)
	if err != nil {
		return *new(RenderEscrowJob), err
	}
	out0 := *abi.ConvertType(out[0], new(RenderEscrowJob)).(*RenderEscrowJob)
	return out0, nil
}

// PackLeafOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd3c4a89.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function leafOf(address node, uint256 amount) pure returns(bytes32)
func (renderEscrow *RenderEscrow) PackLeafOf(node common.Address, amount *big.Int) []byte {
	enc, err := renderEscrow.abi.Pack("leafOf", node, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLeafOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd3c4a89.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function leafOf(address node, uint256 amount) pure returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackLeafOf(node common.Address, amount *big.Int) ([]byte, error) {
	return renderEscrow.abi.Pack("leafOf", node, amount)
}

// UnpackLeafOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfd3c4a89.
//
// Solidity: function leafOf(address node, uint256 amount) pure returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackLeafOf(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("leafOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackOpenDisputes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6fb7f3e4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openDisputes(bytes32 jobId) view returns(uint256)
func (renderEscrow *RenderEscrow) PackOpenDisputes(jobId [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("openDisputes", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenDisputes is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6fb7f3e4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openDisputes(bytes32 jobId) view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackOpenDisputes(jobId [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("openDisputes", jobId)
}

// UnpackOpenDisputes is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6fb7f3e4.
//
// Solidity: function openDisputes(bytes32 jobId) view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackOpenDisputes(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("openDisputes", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOpenJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf61962aa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openJob(bytes32 jobId, uint256 budget, uint64 deadline) returns()
func (renderEscrow *RenderEscrow) PackOpenJob(jobId [32]byte, budget *big.Int, deadline uint64) []byte {
	enc, err := renderEscrow.abi.Pack("openJob", jobId, budget, deadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf61962aa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openJob(bytes32 jobId, uint256 budget, uint64 deadline) returns()
func (renderEscrow *RenderEscrow) TryPackOpenJob(jobId [32]byte, budget *big.Int, deadline uint64) ([]byte, error) {
	return renderEscrow.abi.Pack("openJob", jobId, budget, deadline)
}

// PackPaid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd76f8e80.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paid(bytes32 jobId, address node) view returns(uint256)
func (renderEscrow *RenderEscrow) PackPaid(jobId [32]byte, node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("paid", jobId, node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPaid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd76f8e80.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paid(bytes32 jobId, address node) view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackPaid(jobId [32]byte, node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("paid", jobId, node)
}

// UnpackPaid is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd76f8e80.
//
// Solidity: function paid(bytes32 jobId, address node) view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackPaid(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("paid", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReceiptDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x956223bd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function receiptDigest(bytes32 jobId, address worker, uint256 amount, uint256 tasks, bytes32 results) view returns(bytes32)
func (renderEscrow *RenderEscrow) PackReceiptDigest(jobId [32]byte, worker common.Address, amount *big.Int, tasks *big.Int, results [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("receiptDigest", jobId, worker, amount, tasks, results)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReceiptDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x956223bd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function receiptDigest(bytes32 jobId, address worker, uint256 amount, uint256 tasks, bytes32 results) view returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackReceiptDigest(jobId [32]byte, worker common.Address, amount *big.Int, tasks *big.Int, results [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("receiptDigest", jobId, worker, amount, tasks, results)
}

// UnpackReceiptDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x956223bd.
//
// Solidity: function receiptDigest(bytes32 jobId, address worker, uint256 amount, uint256 tasks, bytes32 results) view returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackReceiptDigest(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("receiptDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackReclaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x96afb365.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reclaim(bytes32 jobId) returns()
func (renderEscrow *RenderEscrow) PackReclaim(jobId [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("reclaim", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReclaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x96afb365.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reclaim(bytes32 jobId) returns()
func (renderEscrow *RenderEscrow) TryPackReclaim(jobId [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("reclaim", jobId)
}

// PackReclaimGrace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ed0f4af.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reclaimGrace() view returns(uint64)
func (renderEscrow *RenderEscrow) PackReclaimGrace() []byte {
	enc, err := renderEscrow.abi.Pack("reclaimGrace")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReclaimGrace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ed0f4af.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reclaimGrace() view returns(uint64)
func (renderEscrow *RenderEscrow) TryPackReclaimGrace() ([]byte, error) {
	return renderEscrow.abi.Pack("reclaimGrace")
}

// UnpackReclaimGrace is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0ed0f4af.
//
// Solidity: function reclaimGrace() view returns(uint64)
func (renderEscrow *RenderEscrow) UnpackReclaimGrace(data []byte) (uint64, error) {
	out, err := renderEscrow.abi.Unpack("reclaimGrace", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackRequestUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23095721.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestUnstake(uint256 amount) returns()
func (renderEscrow *RenderEscrow) PackRequestUnstake(amount *big.Int) []byte {
	enc, err := renderEscrow.abi.Pack("requestUnstake", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23095721.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestUnstake(uint256 amount) returns()
func (renderEscrow *RenderEscrow) TryPackRequestUnstake(amount *big.Int) ([]byte, error) {
	return renderEscrow.abi.Pack("requestUnstake", amount)
}

// PackRequesterBondBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb906d290.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requesterBondBps() view returns(uint16)
func (renderEscrow *RenderEscrow) PackRequesterBondBps() []byte {
	enc, err := renderEscrow.abi.Pack("requesterBondBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequesterBondBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb906d290.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requesterBondBps() view returns(uint16)
func (renderEscrow *RenderEscrow) TryPackRequesterBondBps() ([]byte, error) {
	return renderEscrow.abi.Pack("requesterBondBps")
}

// UnpackRequesterBondBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb906d290.
//
// Solidity: function requesterBondBps() view returns(uint16)
func (renderEscrow *RenderEscrow) UnpackRequesterBondBps(data []byte) (uint16, error) {
	out, err := renderEscrow.abi.Unpack("requesterBondBps", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackResolve is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd1686604.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function resolve(bytes32 jobId, address node) returns()
func (renderEscrow *RenderEscrow) PackResolve(jobId [32]byte, node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("resolve", jobId, node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackResolve is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd1686604.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function resolve(bytes32 jobId, address node) returns()
func (renderEscrow *RenderEscrow) TryPackResolve(jobId [32]byte, node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("resolve", jobId, node)
}

// PackResultDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa1056b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function resultDigest(bytes32 jobId, uint256 task, bytes32 resultHash) view returns(bytes32)
func (renderEscrow *RenderEscrow) PackResultDigest(jobId [32]byte, task *big.Int, resultHash [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("resultDigest", jobId, task, resultHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackResultDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfa1056b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function resultDigest(bytes32 jobId, uint256 task, bytes32 resultHash) view returns(bytes32)
func (renderEscrow *RenderEscrow) TryPackResultDigest(jobId [32]byte, task *big.Int, resultHash [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("resultDigest", jobId, task, resultHash)
}

// UnpackResultDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfa1056b2.
//
// Solidity: function resultDigest(bytes32 jobId, uint256 task, bytes32 resultHash) view returns(bytes32)
func (renderEscrow *RenderEscrow) UnpackResultDigest(data []byte) ([32]byte, error) {
	out, err := renderEscrow.abi.Unpack("resultDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3daef73e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settle(bytes32 jobId, bytes32 root, uint256 total) returns()
func (renderEscrow *RenderEscrow) PackSettle(jobId [32]byte, root [32]byte, total *big.Int) []byte {
	enc, err := renderEscrow.abi.Pack("settle", jobId, root, total)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3daef73e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settle(bytes32 jobId, bytes32 root, uint256 total) returns()
func (renderEscrow *RenderEscrow) TryPackSettle(jobId [32]byte, root [32]byte, total *big.Int) ([]byte, error) {
	return renderEscrow.abi.Pack("settle", jobId, root, total)
}

// PackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b491431.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slash(bytes32 jobId, address node, uint256 amount, (uint256,bytes32,bytes) result, bytes32 evidenceHash) returns()
func (renderEscrow *RenderEscrow) PackSlash(jobId [32]byte, node common.Address, amount *big.Int, result RenderEscrowSignedResult, evidenceHash [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("slash", jobId, node, amount, result, evidenceHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b491431.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slash(bytes32 jobId, address node, uint256 amount, (uint256,bytes32,bytes) result, bytes32 evidenceHash) returns()
func (renderEscrow *RenderEscrow) TryPackSlash(jobId [32]byte, node common.Address, amount *big.Int, result RenderEscrowSignedResult, evidenceHash [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("slash", jobId, node, amount, result, evidenceHash)
}

// PackSlashCap is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1a168633.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slashCap(bytes32 jobId) view returns(uint256)
func (renderEscrow *RenderEscrow) PackSlashCap(jobId [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("slashCap", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlashCap is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1a168633.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slashCap(bytes32 jobId) view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackSlashCap(jobId [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("slashCap", jobId)
}

// UnpackSlashCap is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1a168633.
//
// Solidity: function slashCap(bytes32 jobId) view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackSlashCap(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("slashCap", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSlashCapBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa44678d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slashCapBps() view returns(uint16)
func (renderEscrow *RenderEscrow) PackSlashCapBps() []byte {
	enc, err := renderEscrow.abi.Pack("slashCapBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlashCapBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa44678d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slashCapBps() view returns(uint16)
func (renderEscrow *RenderEscrow) TryPackSlashCapBps() ([]byte, error) {
	return renderEscrow.abi.Pack("slashCapBps")
}

// UnpackSlashCapBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa44678d9.
//
// Solidity: function slashCapBps() view returns(uint16)
func (renderEscrow *RenderEscrow) UnpackSlashCapBps(data []byte) (uint16, error) {
	out, err := renderEscrow.abi.Unpack("slashCapBps", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackSlashCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfb4298ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slashCheck(bytes32 jobId, address node, uint256 amount, (uint256,bytes32,bytes32,bytes) check, bytes32 evidenceHash) returns()
func (renderEscrow *RenderEscrow) PackSlashCheck(jobId [32]byte, node common.Address, amount *big.Int, check RenderEscrowSignedCheck, evidenceHash [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("slashCheck", jobId, node, amount, check, evidenceHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlashCheck is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfb4298ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slashCheck(bytes32 jobId, address node, uint256 amount, (uint256,bytes32,bytes32,bytes) check, bytes32 evidenceHash) returns()
func (renderEscrow *RenderEscrow) TryPackSlashCheck(jobId [32]byte, node common.Address, amount *big.Int, check RenderEscrowSignedCheck, evidenceHash [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("slashCheck", jobId, node, amount, check, evidenceHash)
}

// PackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa694fc3a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stake(uint256 amount) returns()
func (renderEscrow *RenderEscrow) PackStake(amount *big.Int) []byte {
	enc, err := renderEscrow.abi.Pack("stake", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa694fc3a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stake(uint256 amount) returns()
func (renderEscrow *RenderEscrow) TryPackStake(amount *big.Int) ([]byte, error) {
	return renderEscrow.abi.Pack("stake", amount)
}

// PackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42623360.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakeOf(address node) view returns((uint128,uint128,uint64))
func (renderEscrow *RenderEscrow) PackStakeOf(node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("stakeOf", node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42623360.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakeOf(address node) view returns((uint128,uint128,uint64))
func (renderEscrow *RenderEscrow) TryPackStakeOf(node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("stakeOf", node)
}

// UnpackStakeOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x42623360.
//
// Solidity: function stakeOf(address node) view returns((uint128,uint128,uint64))
func (renderEscrow *RenderEscrow) UnpackStakeOf(data []byte) (RenderEscrowStakeInfo, error) {
	out, err := renderEscrow.abi.Unpack("stakeOf", data)
	if err != nil {
		return *new(RenderEscrowStakeInfo), err
	}
	out0 := *abi.ConvertType(out[0], new(RenderEscrowStakeInfo)).(*RenderEscrowStakeInfo)
	return out0, nil
}

// PackStakerCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdff69787.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakerCount() view returns(uint256)
func (renderEscrow *RenderEscrow) PackStakerCount() []byte {
	enc, err := renderEscrow.abi.Pack("stakerCount")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakerCount is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdff69787.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakerCount() view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackStakerCount() ([]byte, error) {
	return renderEscrow.abi.Pack("stakerCount")
}

// UnpackStakerCount is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdff69787.
//
// Solidity: function stakerCount() view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackStakerCount(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("stakerCount", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackStakers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd5e6dd1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakers(uint256 ) view returns(address)
func (renderEscrow *RenderEscrow) PackStakers(arg0 *big.Int) []byte {
	enc, err := renderEscrow.abi.Pack("stakers", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfd5e6dd1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakers(uint256 ) view returns(address)
func (renderEscrow *RenderEscrow) TryPackStakers(arg0 *big.Int) ([]byte, error) {
	return renderEscrow.abi.Pack("stakers", arg0)
}

// UnpackStakers is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfd5e6dd1.
//
// Solidity: function stakers(uint256 ) view returns(address)
func (renderEscrow *RenderEscrow) UnpackStakers(data []byte) (common.Address, error) {
	out, err := renderEscrow.abi.Unpack("stakers", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(address)
func (renderEscrow *RenderEscrow) PackToken() []byte {
	enc, err := renderEscrow.abi.Pack("token")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function token() view returns(address)
func (renderEscrow *RenderEscrow) TryPackToken() ([]byte, error) {
	return renderEscrow.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(address)
func (renderEscrow *RenderEscrow) UnpackToken(data []byte) (common.Address, error) {
	out, err := renderEscrow.abi.Unpack("token", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2def6620.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unstake() returns()
func (renderEscrow *RenderEscrow) PackUnstake() []byte {
	enc, err := renderEscrow.abi.Pack("unstake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnstake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2def6620.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unstake() returns()
func (renderEscrow *RenderEscrow) TryPackUnstake() ([]byte, error) {
	return renderEscrow.abi.Pack("unstake")
}

// PackUnstakeDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3222012f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unstakeDelay() view returns(uint64)
func (renderEscrow *RenderEscrow) PackUnstakeDelay() []byte {
	enc, err := renderEscrow.abi.Pack("unstakeDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnstakeDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3222012f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unstakeDelay() view returns(uint64)
func (renderEscrow *RenderEscrow) TryPackUnstakeDelay() ([]byte, error) {
	return renderEscrow.abi.Pack("unstakeDelay")
}

// UnpackUnstakeDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3222012f.
//
// Solidity: function unstakeDelay() view returns(uint64)
func (renderEscrow *RenderEscrow) UnpackUnstakeDelay(data []byte) (uint64, error) {
	out, err := renderEscrow.abi.Unpack("unstakeDelay", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x730ad454.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function vote(bytes32 jobId, address node, bool guilty) returns()
func (renderEscrow *RenderEscrow) PackVote(jobId [32]byte, node common.Address, guilty bool) []byte {
	enc, err := renderEscrow.abi.Pack("vote", jobId, node, guilty)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVote is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x730ad454.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function vote(bytes32 jobId, address node, bool guilty) returns()
func (renderEscrow *RenderEscrow) TryPackVote(jobId [32]byte, node common.Address, guilty bool) ([]byte, error) {
	return renderEscrow.abi.Pack("vote", jobId, node, guilty)
}

// PackVoteWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d430747.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function voteWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) PackVoteWindow() []byte {
	enc, err := renderEscrow.abi.Pack("voteWindow")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVoteWindow is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6d430747.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function voteWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) TryPackVoteWindow() ([]byte, error) {
	return renderEscrow.abi.Pack("voteWindow")
}

// UnpackVoteWindow is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6d430747.
//
// Solidity: function voteWindow() view returns(uint64)
func (renderEscrow *RenderEscrow) UnpackVoteWindow(data []byte) (uint64, error) {
	out, err := renderEscrow.abi.Unpack("voteWindow", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// RenderEscrowArbitersDrawn represents a ArbitersDrawn event raised by the RenderEscrow contract.
type RenderEscrowArbitersDrawn struct {
	JobId      [32]byte
	Node       common.Address
	Arbiters   [3]common.Address
	VotingEnds uint64
	Raw        *types.Log // Blockchain specific contextual infos
}

const RenderEscrowArbitersDrawnEventName = "ArbitersDrawn"

// ContractEventName returns the user-defined event name.
func (RenderEscrowArbitersDrawn) ContractEventName() string {
	return RenderEscrowArbitersDrawnEventName
}

// UnpackArbitersDrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ArbitersDrawn(bytes32 indexed jobId, address indexed node, address[3] arbiters, uint64 votingEnds)
func (renderEscrow *RenderEscrow) UnpackArbitersDrawnEvent(log *types.Log) (*RenderEscrowArbitersDrawn, error) {
	event := "ArbitersDrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowArbitersDrawn)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowCheckSlashed represents a CheckSlashed event raised by the RenderEscrow contract.
type RenderEscrowCheckSlashed struct {
	JobId        [32]byte
	Node         common.Address
	Amount       *big.Int
	EvidenceHash [32]byte
	Task         *big.Int
	Crops        [32]byte
	RenderHash   [32]byte
	Raw          *types.Log // Blockchain specific contextual infos
}

const RenderEscrowCheckSlashedEventName = "CheckSlashed"

// ContractEventName returns the user-defined event name.
func (RenderEscrowCheckSlashed) ContractEventName() string {
	return RenderEscrowCheckSlashedEventName
}

// UnpackCheckSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CheckSlashed(bytes32 indexed jobId, address indexed node, uint256 amount, bytes32 evidenceHash, uint256 task, bytes32 crops, bytes32 renderHash)
func (renderEscrow *RenderEscrow) UnpackCheckSlashedEvent(log *types.Log) (*RenderEscrowCheckSlashed, error) {
	event := "CheckSlashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowCheckSlashed)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowClaimed represents a Claimed event raised by the RenderEscrow contract.
type RenderEscrowClaimed struct {
	JobId  [32]byte
	Node   common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const RenderEscrowClaimedEventName = "Claimed"

// ContractEventName returns the user-defined event name.
func (RenderEscrowClaimed) ContractEventName() string {
	return RenderEscrowClaimedEventName
}

// UnpackClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Claimed(bytes32 indexed jobId, address indexed node, uint256 amount)
func (renderEscrow *RenderEscrow) UnpackClaimedEvent(log *types.Log) (*RenderEscrowClaimed, error) {
	event := "Claimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowClaimed)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowDisputeResolved represents a DisputeResolved event raised by the RenderEscrow contract.
type RenderEscrowDisputeResolved struct {
	JobId      [32]byte
	Node       common.Address
	Overturned bool
	Fee        *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const RenderEscrowDisputeResolvedEventName = "DisputeResolved"

// ContractEventName returns the user-defined event name.
func (RenderEscrowDisputeResolved) ContractEventName() string {
	return RenderEscrowDisputeResolvedEventName
}

// UnpackDisputeResolvedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event DisputeResolved(bytes32 indexed jobId, address indexed node, bool overturned, uint256 fee)
func (renderEscrow *RenderEscrow) UnpackDisputeResolvedEvent(log *types.Log) (*RenderEscrowDisputeResolved, error) {
	event := "DisputeResolved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowDisputeResolved)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowDisputed represents a Disputed event raised by the RenderEscrow contract.
type RenderEscrowDisputed struct {
	JobId     [32]byte
	Node      common.Address
	DrawBlock uint64
	Raw       *types.Log // Blockchain specific contextual infos
}

const RenderEscrowDisputedEventName = "Disputed"

// ContractEventName returns the user-defined event name.
func (RenderEscrowDisputed) ContractEventName() string {
	return RenderEscrowDisputedEventName
}

// UnpackDisputedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Disputed(bytes32 indexed jobId, address indexed node, uint64 drawBlock)
func (renderEscrow *RenderEscrow) UnpackDisputedEvent(log *types.Log) (*RenderEscrowDisputed, error) {
	event := "Disputed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowDisputed)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowEIP712DomainChanged represents a EIP712DomainChanged event raised by the RenderEscrow contract.
type RenderEscrowEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const RenderEscrowEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (RenderEscrowEIP712DomainChanged) ContractEventName() string {
	return RenderEscrowEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (renderEscrow *RenderEscrow) UnpackEIP712DomainChangedEvent(log *types.Log) (*RenderEscrowEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowJobOpened represents a JobOpened event raised by the RenderEscrow contract.
type RenderEscrowJobOpened struct {
	JobId     [32]byte
	Requester common.Address
	Budget    *big.Int
	Deadline  uint64
	Bond      *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const RenderEscrowJobOpenedEventName = "JobOpened"

// ContractEventName returns the user-defined event name.
func (RenderEscrowJobOpened) ContractEventName() string {
	return RenderEscrowJobOpenedEventName
}

// UnpackJobOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobOpened(bytes32 indexed jobId, address indexed requester, uint256 budget, uint64 deadline, uint256 bond)
func (renderEscrow *RenderEscrow) UnpackJobOpenedEvent(log *types.Log) (*RenderEscrowJobOpened, error) {
	event := "JobOpened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowJobOpened)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowJobSettled represents a JobSettled event raised by the RenderEscrow contract.
type RenderEscrowJobSettled struct {
	JobId  [32]byte
	Root   [32]byte
	Total  *big.Int
	Refund *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const RenderEscrowJobSettledEventName = "JobSettled"

// ContractEventName returns the user-defined event name.
func (RenderEscrowJobSettled) ContractEventName() string {
	return RenderEscrowJobSettledEventName
}

// UnpackJobSettledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobSettled(bytes32 indexed jobId, bytes32 root, uint256 total, uint256 refund)
func (renderEscrow *RenderEscrow) UnpackJobSettledEvent(log *types.Log) (*RenderEscrowJobSettled, error) {
	event := "JobSettled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowJobSettled)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowReceiptPaid represents a ReceiptPaid event raised by the RenderEscrow contract.
type RenderEscrowReceiptPaid struct {
	JobId  [32]byte
	Worker common.Address
	Amount *big.Int
	Bonus  *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const RenderEscrowReceiptPaidEventName = "ReceiptPaid"

// ContractEventName returns the user-defined event name.
func (RenderEscrowReceiptPaid) ContractEventName() string {
	return RenderEscrowReceiptPaidEventName
}

// UnpackReceiptPaidEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ReceiptPaid(bytes32 indexed jobId, address indexed worker, uint256 amount, uint256 bonus)
func (renderEscrow *RenderEscrow) UnpackReceiptPaidEvent(log *types.Log) (*RenderEscrowReceiptPaid, error) {
	event := "ReceiptPaid"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowReceiptPaid)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowReclaimed represents a Reclaimed event raised by the RenderEscrow contract.
type RenderEscrowReclaimed struct {
	JobId     [32]byte
	Requester common.Address
	Amount    *big.Int
	Closed    bool
	Raw       *types.Log // Blockchain specific contextual infos
}

const RenderEscrowReclaimedEventName = "Reclaimed"

// ContractEventName returns the user-defined event name.
func (RenderEscrowReclaimed) ContractEventName() string {
	return RenderEscrowReclaimedEventName
}

// UnpackReclaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Reclaimed(bytes32 indexed jobId, address indexed requester, uint256 amount, bool closed)
func (renderEscrow *RenderEscrow) UnpackReclaimedEvent(log *types.Log) (*RenderEscrowReclaimed, error) {
	event := "Reclaimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowReclaimed)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowSlashed represents a Slashed event raised by the RenderEscrow contract.
type RenderEscrowSlashed struct {
	JobId        [32]byte
	Node         common.Address
	Amount       *big.Int
	EvidenceHash [32]byte
	Task         *big.Int
	ResultHash   [32]byte
	Raw          *types.Log // Blockchain specific contextual infos
}

const RenderEscrowSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (RenderEscrowSlashed) ContractEventName() string {
	return RenderEscrowSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(bytes32 indexed jobId, address indexed node, uint256 amount, bytes32 evidenceHash, uint256 task, bytes32 resultHash)
func (renderEscrow *RenderEscrow) UnpackSlashedEvent(log *types.Log) (*RenderEscrowSlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowSlashed)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowStaked represents a Staked event raised by the RenderEscrow contract.
type RenderEscrowStaked struct {
	Node   common.Address
	Amount *big.Int
	Active *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const RenderEscrowStakedEventName = "Staked"

// ContractEventName returns the user-defined event name.
func (RenderEscrowStaked) ContractEventName() string {
	return RenderEscrowStakedEventName
}

// UnpackStakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Staked(address indexed node, uint256 amount, uint256 active)
func (renderEscrow *RenderEscrow) UnpackStakedEvent(log *types.Log) (*RenderEscrowStaked, error) {
	event := "Staked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowStaked)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowUnstakeRequested represents a UnstakeRequested event raised by the RenderEscrow contract.
type RenderEscrowUnstakeRequested struct {
	Node     common.Address
	Amount   *big.Int
	UnlockAt uint64
	Raw      *types.Log // Blockchain specific contextual infos
}

const RenderEscrowUnstakeRequestedEventName = "UnstakeRequested"

// ContractEventName returns the user-defined event name.
func (RenderEscrowUnstakeRequested) ContractEventName() string {
	return RenderEscrowUnstakeRequestedEventName
}

// UnpackUnstakeRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnstakeRequested(address indexed node, uint256 amount, uint64 unlockAt)
func (renderEscrow *RenderEscrow) UnpackUnstakeRequestedEvent(log *types.Log) (*RenderEscrowUnstakeRequested, error) {
	event := "UnstakeRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowUnstakeRequested)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowUnstaked represents a Unstaked event raised by the RenderEscrow contract.
type RenderEscrowUnstaked struct {
	Node   common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const RenderEscrowUnstakedEventName = "Unstaked"

// ContractEventName returns the user-defined event name.
func (RenderEscrowUnstaked) ContractEventName() string {
	return RenderEscrowUnstakedEventName
}

// UnpackUnstakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unstaked(address indexed node, uint256 amount)
func (renderEscrow *RenderEscrow) UnpackUnstakedEvent(log *types.Log) (*RenderEscrowUnstaked, error) {
	event := "Unstaked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowUnstaked)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// RenderEscrowVoted represents a Voted event raised by the RenderEscrow contract.
type RenderEscrowVoted struct {
	JobId   [32]byte
	Node    common.Address
	Arbiter common.Address
	Guilty  bool
	Raw     *types.Log // Blockchain specific contextual infos
}

const RenderEscrowVotedEventName = "Voted"

// ContractEventName returns the user-defined event name.
func (RenderEscrowVoted) ContractEventName() string {
	return RenderEscrowVotedEventName
}

// UnpackVotedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Voted(bytes32 indexed jobId, address indexed node, address indexed arbiter, bool guilty)
func (renderEscrow *RenderEscrow) UnpackVotedEvent(log *types.Log) (*RenderEscrowVoted, error) {
	event := "Voted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowVoted)
	if len(log.Data) > 0 {
		if err := renderEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range renderEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (renderEscrow *RenderEscrow) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AlreadyClaimed"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAlreadyClaimedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AlreadyConvicted"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAlreadyConvictedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AlreadySettled"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAlreadySettledError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AlreadyVoted"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAlreadyVotedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ArbitersAlreadyDrawn"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackArbitersAlreadyDrawnError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadBond"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadBondError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadCheckSignature"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadCheckSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadDeadline"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadDeadlineError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadProof"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadReceiptSignature"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadReceiptSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadResultSignature"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadResultSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadSlashCap"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadSlashCapError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadWindows"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadWindowsError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BudgetExhausted"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBudgetExhaustedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ClaimExceedsTotal"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackClaimExceedsTotalError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ClaimWindowClosed"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackClaimWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["DisputeOpen"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackDisputeOpenError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["DisputeWindowClosed"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackDisputeWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["DrawTooEarly"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackDrawTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["InsufficientStake"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackInsufficientStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["JobClosed"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackJobClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["JobExists"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackJobExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["JobNotFound"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackJobNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["NoArbiters"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackNoArbitersError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["NoOpenDispute"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackNoOpenDisputeError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["NotArbiter"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackNotArbiterError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["NotDisputable"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackNotDisputableError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["NotRequester"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackNotRequesterError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["NotSettled"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackNotSettledError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["NothingToUnstake"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackNothingToUnstakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["OverBudget"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackOverBudgetError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ReceiptTooEarly"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackReceiptTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ReceiptWindowClosed"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackReceiptWindowClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ReclaimTooEarly"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackReclaimTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ResolveTooEarly"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackResolveTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["SlashCapExceeded"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackSlashCapExceededError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["UnstakeTooEarly"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackUnstakeTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["VotingClosed"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackVotingClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// RenderEscrowAlreadyClaimed represents a AlreadyClaimed error raised by the RenderEscrow contract.
type RenderEscrowAlreadyClaimed struct {
	JobId [32]byte
	Node  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyClaimed(bytes32 jobId, address node)
func RenderEscrowAlreadyClaimedErrorID() common.Hash {
	return common.HexToHash("0xa8ca238e9149b57eb9411a136ee6eeca19ccebdf9f95db12d3b70000ca4d37ec")
}

// UnpackAlreadyClaimedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyClaimed(bytes32 jobId, address node)
func (renderEscrow *RenderEscrow) UnpackAlreadyClaimedError(raw []byte) (*RenderEscrowAlreadyClaimed, error) {
	out := new(RenderEscrowAlreadyClaimed)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "AlreadyClaimed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowAlreadyConvicted represents a AlreadyConvicted error raised by the RenderEscrow contract.
type RenderEscrowAlreadyConvicted struct {
	JobId [32]byte
	Node  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyConvicted(bytes32 jobId, address node)
func RenderEscrowAlreadyConvictedErrorID() common.Hash {
	return common.HexToHash("0x58f88aad3c5202daec685cc4f7c5d8388602020574cf04fcedb91b75e7316fb9")
}

// UnpackAlreadyConvictedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyConvicted(bytes32 jobId, address node)
func (renderEscrow *RenderEscrow) UnpackAlreadyConvictedError(raw []byte) (*RenderEscrowAlreadyConvicted, error) {
	out := new(RenderEscrowAlreadyConvicted)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "AlreadyConvicted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowAlreadySettled represents a AlreadySettled error raised by the RenderEscrow contract.
type RenderEscrowAlreadySettled struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadySettled(bytes32 jobId)
func RenderEscrowAlreadySettledErrorID() common.Hash {
	return common.HexToHash("0xb196a44a365168bc3e1ae2c1014617dc39aff01f0da4be83e6808ad8c8b8200d")
}

// UnpackAlreadySettledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadySettled(bytes32 jobId)
func (renderEscrow *RenderEscrow) UnpackAlreadySettledError(raw []byte) (*RenderEscrowAlreadySettled, error) {
	out := new(RenderEscrowAlreadySettled)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "AlreadySettled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowAlreadyVoted represents a AlreadyVoted error raised by the RenderEscrow contract.
type RenderEscrowAlreadyVoted struct {
	JobId   [32]byte
	Node    common.Address
	Arbiter common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyVoted(bytes32 jobId, address node, address arbiter)
func RenderEscrowAlreadyVotedErrorID() common.Hash {
	return common.HexToHash("0xf530adc663ef137d945d512ed7faa30114f780a6a553a91d132239e2745f0b34")
}

// UnpackAlreadyVotedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyVoted(bytes32 jobId, address node, address arbiter)
func (renderEscrow *RenderEscrow) UnpackAlreadyVotedError(raw []byte) (*RenderEscrowAlreadyVoted, error) {
	out := new(RenderEscrowAlreadyVoted)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "AlreadyVoted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowAmountTooLarge represents a AmountTooLarge error raised by the RenderEscrow contract.
type RenderEscrowAmountTooLarge struct {
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AmountTooLarge(uint256 amount)
func RenderEscrowAmountTooLargeErrorID() common.Hash {
	return common.HexToHash("0x08083b2a16b607736bde3b2f81a2e47b6cddd068539243b1d8b47462dd533e58")
}

// UnpackAmountTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AmountTooLarge(uint256 amount)
func (renderEscrow *RenderEscrow) UnpackAmountTooLargeError(raw []byte) (*RenderEscrowAmountTooLarge, error) {
	out := new(RenderEscrowAmountTooLarge)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "AmountTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowArbitersAlreadyDrawn represents a ArbitersAlreadyDrawn error raised by the RenderEscrow contract.
type RenderEscrowArbitersAlreadyDrawn struct {
	JobId [32]byte
	Node  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ArbitersAlreadyDrawn(bytes32 jobId, address node)
func RenderEscrowArbitersAlreadyDrawnErrorID() common.Hash {
	return common.HexToHash("0xc7a71302547a80df36f2840fa0a8aeff41d24e1d2a6a47343c7d6ad140dd657a")
}

// UnpackArbitersAlreadyDrawnError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ArbitersAlreadyDrawn(bytes32 jobId, address node)
func (renderEscrow *RenderEscrow) UnpackArbitersAlreadyDrawnError(raw []byte) (*RenderEscrowArbitersAlreadyDrawn, error) {
	out := new(RenderEscrowArbitersAlreadyDrawn)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ArbitersAlreadyDrawn", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadBond represents a BadBond error raised by the RenderEscrow contract.
type RenderEscrowBadBond struct {
	Bps uint16
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadBond(uint16 bps)
func RenderEscrowBadBondErrorID() common.Hash {
	return common.HexToHash("0x7f2c394fe28b47c9521b08c68a9c2cd260ae0915d739512dc7285550e8cc3019")
}

// UnpackBadBondError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadBond(uint16 bps)
func (renderEscrow *RenderEscrow) UnpackBadBondError(raw []byte) (*RenderEscrowBadBond, error) {
	out := new(RenderEscrowBadBond)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadBond", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadCheckSignature represents a BadCheckSignature error raised by the RenderEscrow contract.
type RenderEscrowBadCheckSignature struct {
	JobId  [32]byte
	Node   common.Address
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadCheckSignature(bytes32 jobId, address node, address signer)
func RenderEscrowBadCheckSignatureErrorID() common.Hash {
	return common.HexToHash("0x68af365720da56b7c970dc2b1c25a957c8451999b54a0ccf0419938c0ecf618a")
}

// UnpackBadCheckSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadCheckSignature(bytes32 jobId, address node, address signer)
func (renderEscrow *RenderEscrow) UnpackBadCheckSignatureError(raw []byte) (*RenderEscrowBadCheckSignature, error) {
	out := new(RenderEscrowBadCheckSignature)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadCheckSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadDeadline represents a BadDeadline error raised by the RenderEscrow contract.
type RenderEscrowBadDeadline struct {
	Deadline  uint64
	Timestamp *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadDeadline(uint64 deadline, uint256 timestamp)
func RenderEscrowBadDeadlineErrorID() common.Hash {
	return common.HexToHash("0x810be315d6134f8799984a0c6763e0e4783eb825df810e99b464d68f05decd42")
}

// UnpackBadDeadlineError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadDeadline(uint64 deadline, uint256 timestamp)
func (renderEscrow *RenderEscrow) UnpackBadDeadlineError(raw []byte) (*RenderEscrowBadDeadline, error) {
	out := new(RenderEscrowBadDeadline)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadDeadline", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadProof represents a BadProof error raised by the RenderEscrow contract.
type RenderEscrowBadProof struct {
	JobId  [32]byte
	Node   common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadProof(bytes32 jobId, address node, uint256 amount)
func RenderEscrowBadProofErrorID() common.Hash {
	return common.HexToHash("0xe41a1ecf8d564b5f9d183703a615b6e2ddb377368320a2530aec794dc8350bb2")
}

// UnpackBadProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadProof(bytes32 jobId, address node, uint256 amount)
func (renderEscrow *RenderEscrow) UnpackBadProofError(raw []byte) (*RenderEscrowBadProof, error) {
	out := new(RenderEscrowBadProof)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadProof", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadReceiptSignature represents a BadReceiptSignature error raised by the RenderEscrow contract.
type RenderEscrowBadReceiptSignature struct {
	JobId  [32]byte
	Worker common.Address
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadReceiptSignature(bytes32 jobId, address worker, address signer)
func RenderEscrowBadReceiptSignatureErrorID() common.Hash {
	return common.HexToHash("0x514a945a7158783f4a89c685afd17720db293cb5e90be8d941161d882474a68b")
}

// UnpackBadReceiptSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadReceiptSignature(bytes32 jobId, address worker, address signer)
func (renderEscrow *RenderEscrow) UnpackBadReceiptSignatureError(raw []byte) (*RenderEscrowBadReceiptSignature, error) {
	out := new(RenderEscrowBadReceiptSignature)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadReceiptSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadResultSignature represents a BadResultSignature error raised by the RenderEscrow contract.
type RenderEscrowBadResultSignature struct {
	JobId  [32]byte
	Node   common.Address
	Signer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadResultSignature(bytes32 jobId, address node, address signer)
func RenderEscrowBadResultSignatureErrorID() common.Hash {
	return common.HexToHash("0x96e1c0e47ad0aabe629435efdfabd5d5f5b1a4ad8be1ab81c66eb8d685310092")
}

// UnpackBadResultSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadResultSignature(bytes32 jobId, address node, address signer)
func (renderEscrow *RenderEscrow) UnpackBadResultSignatureError(raw []byte) (*RenderEscrowBadResultSignature, error) {
	out := new(RenderEscrowBadResultSignature)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadResultSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadSlashCap represents a BadSlashCap error raised by the RenderEscrow contract.
type RenderEscrowBadSlashCap struct {
	Bps uint16
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadSlashCap(uint16 bps)
func RenderEscrowBadSlashCapErrorID() common.Hash {
	return common.HexToHash("0x4871b09660ebe785d63f7a69c4af0d45dcdaeb8cd86895f4932f19267fe4c4c2")
}

// UnpackBadSlashCapError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadSlashCap(uint16 bps)
func (renderEscrow *RenderEscrow) UnpackBadSlashCapError(raw []byte) (*RenderEscrowBadSlashCap, error) {
	out := new(RenderEscrowBadSlashCap)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadSlashCap", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBadWindows represents a BadWindows error raised by the RenderEscrow contract.
type RenderEscrowBadWindows struct {
	ReclaimGrace uint64
	ClaimWindow  uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadWindows(uint64 reclaimGrace, uint64 claimWindow)
func RenderEscrowBadWindowsErrorID() common.Hash {
	return common.HexToHash("0x7dd3b95cad57d5f2c0748438094a8caed21776d63c1f7f30ab057a3c5c5e1d9d")
}

// UnpackBadWindowsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadWindows(uint64 reclaimGrace, uint64 claimWindow)
func (renderEscrow *RenderEscrow) UnpackBadWindowsError(raw []byte) (*RenderEscrowBadWindows, error) {
	out := new(RenderEscrowBadWindows)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BadWindows", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowBudgetExhausted represents a BudgetExhausted error raised by the RenderEscrow contract.
type RenderEscrowBudgetExhausted struct {
	JobId [32]byte
	Owed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BudgetExhausted(bytes32 jobId, uint256 owed)
func RenderEscrowBudgetExhaustedErrorID() common.Hash {
	return common.HexToHash("0xbee974df694153ff5f380405bbaf9ebb9f5397166d26efb05684cd990145ef6a")
}

// UnpackBudgetExhaustedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BudgetExhausted(bytes32 jobId, uint256 owed)
func (renderEscrow *RenderEscrow) UnpackBudgetExhaustedError(raw []byte) (*RenderEscrowBudgetExhausted, error) {
	out := new(RenderEscrowBudgetExhausted)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "BudgetExhausted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowClaimExceedsTotal represents a ClaimExceedsTotal error raised by the RenderEscrow contract.
type RenderEscrowClaimExceedsTotal struct {
	JobId     [32]byte
	Amount    *big.Int
	Unclaimed *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ClaimExceedsTotal(bytes32 jobId, uint256 amount, uint256 unclaimed)
func RenderEscrowClaimExceedsTotalErrorID() common.Hash {
	return common.HexToHash("0x051bc558d2eb90e5ed4936d1b19c6d606eef713753fcd52d147fa85b951eced5")
}

// UnpackClaimExceedsTotalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ClaimExceedsTotal(bytes32 jobId, uint256 amount, uint256 unclaimed)
func (renderEscrow *RenderEscrow) UnpackClaimExceedsTotalError(raw []byte) (*RenderEscrowClaimExceedsTotal, error) {
	out := new(RenderEscrowClaimExceedsTotal)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ClaimExceedsTotal", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowClaimWindowClosed represents a ClaimWindowClosed error raised by the RenderEscrow contract.
type RenderEscrowClaimWindowClosed struct {
	JobId    [32]byte
	ClosedAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ClaimWindowClosed(bytes32 jobId, uint64 closedAt)
func RenderEscrowClaimWindowClosedErrorID() common.Hash {
	return common.HexToHash("0x107ee07214ea4a9f82fb5e6cd2ecfe8e5c735b813ac8dc7c937f6229169e6909")
}

// UnpackClaimWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ClaimWindowClosed(bytes32 jobId, uint64 closedAt)
func (renderEscrow *RenderEscrow) UnpackClaimWindowClosedError(raw []byte) (*RenderEscrowClaimWindowClosed, error) {
	out := new(RenderEscrowClaimWindowClosed)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ClaimWindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowDeadlinePassed represents a DeadlinePassed error raised by the RenderEscrow contract.
type RenderEscrowDeadlinePassed struct {
	JobId    [32]byte
	Deadline uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(bytes32 jobId, uint64 deadline)
func RenderEscrowDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x7fa0676986e96df6df7f0cfd5fe9b021f5a9683273c3f282474726464dbe9f8f")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(bytes32 jobId, uint64 deadline)
func (renderEscrow *RenderEscrow) UnpackDeadlinePassedError(raw []byte) (*RenderEscrowDeadlinePassed, error) {
	out := new(RenderEscrowDeadlinePassed)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowDisputeOpen represents a DisputeOpen error raised by the RenderEscrow contract.
type RenderEscrowDisputeOpen struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DisputeOpen(bytes32 jobId)
func RenderEscrowDisputeOpenErrorID() common.Hash {
	return common.HexToHash("0xb28fb59abdf8d83f1bf2873a5c737cd62e174541f78752789b55e02dd1de40a4")
}

// UnpackDisputeOpenError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DisputeOpen(bytes32 jobId)
func (renderEscrow *RenderEscrow) UnpackDisputeOpenError(raw []byte) (*RenderEscrowDisputeOpen, error) {
	out := new(RenderEscrowDisputeOpen)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "DisputeOpen", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowDisputeWindowClosed represents a DisputeWindowClosed error raised by the RenderEscrow contract.
type RenderEscrowDisputeWindowClosed struct {
	JobId    [32]byte
	ClosedAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DisputeWindowClosed(bytes32 jobId, uint64 closedAt)
func RenderEscrowDisputeWindowClosedErrorID() common.Hash {
	return common.HexToHash("0xde4704416945beff2ca293ee92c45f6d6f2afed33ca0de70621007cdda8b69e6")
}

// UnpackDisputeWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DisputeWindowClosed(bytes32 jobId, uint64 closedAt)
func (renderEscrow *RenderEscrow) UnpackDisputeWindowClosedError(raw []byte) (*RenderEscrowDisputeWindowClosed, error) {
	out := new(RenderEscrowDisputeWindowClosed)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "DisputeWindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowDrawTooEarly represents a DrawTooEarly error raised by the RenderEscrow contract.
type RenderEscrowDrawTooEarly struct {
	JobId     [32]byte
	DrawBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DrawTooEarly(bytes32 jobId, uint64 drawBlock)
func RenderEscrowDrawTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x9f50fac2a13773579a287dad813870d6a61842e66748f518d59eaf97245841b4")
}

// UnpackDrawTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DrawTooEarly(bytes32 jobId, uint64 drawBlock)
func (renderEscrow *RenderEscrow) UnpackDrawTooEarlyError(raw []byte) (*RenderEscrowDrawTooEarly, error) {
	out := new(RenderEscrowDrawTooEarly)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "DrawTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowInsufficientStake represents a InsufficientStake error raised by the RenderEscrow contract.
type RenderEscrowInsufficientStake struct {
	Node   common.Address
	Stake  *big.Int
	Needed *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientStake(address node, uint256 stake, uint256 needed)
func RenderEscrowInsufficientStakeErrorID() common.Hash {
	return common.HexToHash("0x936d426dd74f230ad5a4425fb8e2282c39c20abb35ad8a2da02a9b2239d6c390")
}

// UnpackInsufficientStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientStake(address node, uint256 stake, uint256 needed)
func (renderEscrow *RenderEscrow) UnpackInsufficientStakeError(raw []byte) (*RenderEscrowInsufficientStake, error) {
	out := new(RenderEscrowInsufficientStake)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "InsufficientStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowInvalidShortString represents a InvalidShortString error raised by the RenderEscrow contract.
type RenderEscrowInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func RenderEscrowInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (renderEscrow *RenderEscrow) UnpackInvalidShortStringError(raw []byte) (*RenderEscrowInvalidShortString, error) {
	out := new(RenderEscrowInvalidShortString)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowJobClosed represents a JobClosed error raised by the RenderEscrow contract.
type RenderEscrowJobClosed struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JobClosed(bytes32 jobId)
func RenderEscrowJobClosedErrorID() common.Hash {
	return common.HexToHash("0x87c6cc8269aa1e8b05794139b53e072d0cdd15e8bc266fb1fca4028003a7d98c")
}

// UnpackJobClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JobClosed(bytes32 jobId)
func (renderEscrow *RenderEscrow) UnpackJobClosedError(raw []byte) (*RenderEscrowJobClosed, error) {
	out := new(RenderEscrowJobClosed)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "JobClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowJobExists represents a JobExists error raised by the RenderEscrow contract.
type RenderEscrowJobExists struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JobExists(bytes32 jobId)
func RenderEscrowJobExistsErrorID() common.Hash {
	return common.HexToHash("0x9e2b4bfd54f0778ae5b46dc678017f9ac3f783c5abec883f886f9464cfd3e050")
}

// UnpackJobExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JobExists(bytes32 jobId)
func (renderEscrow *RenderEscrow) UnpackJobExistsError(raw []byte) (*RenderEscrowJobExists, error) {
	out := new(RenderEscrowJobExists)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "JobExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowJobNotFound represents a JobNotFound error raised by the RenderEscrow contract.
type RenderEscrowJobNotFound struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JobNotFound(bytes32 jobId)
func RenderEscrowJobNotFoundErrorID() common.Hash {
	return common.HexToHash("0xc182b72d1a8fcd26c6899bd9d06243d026a8591f9449035a7f37001b7097bbf7")
}

// UnpackJobNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JobNotFound(bytes32 jobId)
func (renderEscrow *RenderEscrow) UnpackJobNotFoundError(raw []byte) (*RenderEscrowJobNotFound, error) {
	out := new(RenderEscrowJobNotFound)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "JobNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowNoArbiters represents a NoArbiters error raised by the RenderEscrow contract.
type RenderEscrowNoArbiters struct {
	JobId [32]byte
	Node  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoArbiters(bytes32 jobId, address node)
func RenderEscrowNoArbitersErrorID() common.Hash {
	return common.HexToHash("0x09485c70e7c562e9e183a113fd506217620ae0e38fee6d34f5196cfeaee28391")
}

// UnpackNoArbitersError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoArbiters(bytes32 jobId, address node)
func (renderEscrow *RenderEscrow) UnpackNoArbitersError(raw []byte) (*RenderEscrowNoArbiters, error) {
	out := new(RenderEscrowNoArbiters)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "NoArbiters", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowNoOpenDispute represents a NoOpenDispute error raised by the RenderEscrow contract.
type RenderEscrowNoOpenDispute struct {
	JobId [32]byte
	Node  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoOpenDispute(bytes32 jobId, address node)
func RenderEscrowNoOpenDisputeErrorID() common.Hash {
	return common.HexToHash("0xb1bbf0b493894b011ba036d1fedae2681236b5c7d263bdb5854bda8bb21a71ed")
}

// UnpackNoOpenDisputeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoOpenDispute(bytes32 jobId, address node)
func (renderEscrow *RenderEscrow) UnpackNoOpenDisputeError(raw []byte) (*RenderEscrowNoOpenDispute, error) {
	out := new(RenderEscrowNoOpenDispute)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "NoOpenDispute", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowNotArbiter represents a NotArbiter error raised by the RenderEscrow contract.
type RenderEscrowNotArbiter struct {
	JobId  [32]byte
	Node   common.Address
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotArbiter(bytes32 jobId, address node, address caller)
func RenderEscrowNotArbiterErrorID() common.Hash {
	return common.HexToHash("0x65c685085f156da97fefd620b0dbbd6350d5fbdebee0399c063b3cdb5c31235d")
}

// UnpackNotArbiterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotArbiter(bytes32 jobId, address node, address caller)
func (renderEscrow *RenderEscrow) UnpackNotArbiterError(raw []byte) (*RenderEscrowNotArbiter, error) {
	out := new(RenderEscrowNotArbiter)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "NotArbiter", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowNotDisputable represents a NotDisputable error raised by the RenderEscrow contract.
type RenderEscrowNotDisputable struct {
	JobId [32]byte
	Node  common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotDisputable(bytes32 jobId, address node)
func RenderEscrowNotDisputableErrorID() common.Hash {
	return common.HexToHash("0xac7febd4fa40ddd11d4a0b9fdd5d77be5ba4a1dc263f935defc3af9073f8eca7")
}

// UnpackNotDisputableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotDisputable(bytes32 jobId, address node)
func (renderEscrow *RenderEscrow) UnpackNotDisputableError(raw []byte) (*RenderEscrowNotDisputable, error) {
	out := new(RenderEscrowNotDisputable)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "NotDisputable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowNotRequester represents a NotRequester error raised by the RenderEscrow contract.
type RenderEscrowNotRequester struct {
	JobId  [32]byte
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotRequester(bytes32 jobId, address caller)
func RenderEscrowNotRequesterErrorID() common.Hash {
	return common.HexToHash("0xada9265355a388e8b54b75923bac49d7e900d570feba64605200e9889f820f5c")
}

// UnpackNotRequesterError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotRequester(bytes32 jobId, address caller)
func (renderEscrow *RenderEscrow) UnpackNotRequesterError(raw []byte) (*RenderEscrowNotRequester, error) {
	out := new(RenderEscrowNotRequester)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "NotRequester", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowNotSettled represents a NotSettled error raised by the RenderEscrow contract.
type RenderEscrowNotSettled struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSettled(bytes32 jobId)
func RenderEscrowNotSettledErrorID() common.Hash {
	return common.HexToHash("0x1d46cb059b25f936721c6f907a109de5939b36d1336c69e1459abf59be428c18")
}

// UnpackNotSettledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSettled(bytes32 jobId)
func (renderEscrow *RenderEscrow) UnpackNotSettledError(raw []byte) (*RenderEscrowNotSettled, error) {
	out := new(RenderEscrowNotSettled)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "NotSettled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowNothingToUnstake represents a NothingToUnstake error raised by the RenderEscrow contract.
type RenderEscrowNothingToUnstake struct {
	Node common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToUnstake(address node)
func RenderEscrowNothingToUnstakeErrorID() common.Hash {
	return common.HexToHash("0x78ec4c2b692a0ebafaac1c71536c78632d65c8438c2e1b38ed1a3938b315935c")
}

// UnpackNothingToUnstakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToUnstake(address node)
func (renderEscrow *RenderEscrow) UnpackNothingToUnstakeError(raw []byte) (*RenderEscrowNothingToUnstake, error) {
	out := new(RenderEscrowNothingToUnstake)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "NothingToUnstake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowOverBudget represents a OverBudget error raised by the RenderEscrow contract.
type RenderEscrowOverBudget struct {
	JobId  [32]byte
	Total  *big.Int
	Budget *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OverBudget(bytes32 jobId, uint256 total, uint256 budget)
func RenderEscrowOverBudgetErrorID() common.Hash {
	return common.HexToHash("0xff7502e4ad193b92f2c3f43021789af7ddbafd09430b041b3b41cf7725529c5d")
}

// UnpackOverBudgetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OverBudget(bytes32 jobId, uint256 total, uint256 budget)
func (renderEscrow *RenderEscrow) UnpackOverBudgetError(raw []byte) (*RenderEscrowOverBudget, error) {
	out := new(RenderEscrowOverBudget)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "OverBudget", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowReceiptTooEarly represents a ReceiptTooEarly error raised by the RenderEscrow contract.
type RenderEscrowReceiptTooEarly struct {
	JobId    [32]byte
	Deadline uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReceiptTooEarly(bytes32 jobId, uint64 deadline)
func RenderEscrowReceiptTooEarlyErrorID() common.Hash {
	return common.HexToHash("0xac5a12e15ccfaa252989ed09fe6295d330096b7899916b2d1cac1181053d69a7")
}

// UnpackReceiptTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReceiptTooEarly(bytes32 jobId, uint64 deadline)
func (renderEscrow *RenderEscrow) UnpackReceiptTooEarlyError(raw []byte) (*RenderEscrowReceiptTooEarly, error) {
	out := new(RenderEscrowReceiptTooEarly)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ReceiptTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowReceiptWindowClosed represents a ReceiptWindowClosed error raised by the RenderEscrow contract.
type RenderEscrowReceiptWindowClosed struct {
	JobId    [32]byte
	ClosedAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReceiptWindowClosed(bytes32 jobId, uint64 closedAt)
func RenderEscrowReceiptWindowClosedErrorID() common.Hash {
	return common.HexToHash("0x766bc713ccee935d089f51164aa4315746133ecb7f30f5e0af0aa469e1bd18ef")
}

// UnpackReceiptWindowClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReceiptWindowClosed(bytes32 jobId, uint64 closedAt)
func (renderEscrow *RenderEscrow) UnpackReceiptWindowClosedError(raw []byte) (*RenderEscrowReceiptWindowClosed, error) {
	out := new(RenderEscrowReceiptWindowClosed)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ReceiptWindowClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowReclaimTooEarly represents a ReclaimTooEarly error raised by the RenderEscrow contract.
type RenderEscrowReclaimTooEarly struct {
	JobId          [32]byte
	AvailableAfter uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReclaimTooEarly(bytes32 jobId, uint64 availableAfter)
func RenderEscrowReclaimTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x4114d5bec54e5ef8d8b106f27fabd7a2b3763ff8f74d38e38a8c0062edf0d519")
}

// UnpackReclaimTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReclaimTooEarly(bytes32 jobId, uint64 availableAfter)
func (renderEscrow *RenderEscrow) UnpackReclaimTooEarlyError(raw []byte) (*RenderEscrowReclaimTooEarly, error) {
	out := new(RenderEscrowReclaimTooEarly)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ReclaimTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the RenderEscrow contract.
type RenderEscrowReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func RenderEscrowReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (renderEscrow *RenderEscrow) UnpackReentrancyGuardReentrantCallError(raw []byte) (*RenderEscrowReentrancyGuardReentrantCall, error) {
	out := new(RenderEscrowReentrancyGuardReentrantCall)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowResolveTooEarly represents a ResolveTooEarly error raised by the RenderEscrow contract.
type RenderEscrowResolveTooEarly struct {
	JobId          [32]byte
	AvailableAfter uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ResolveTooEarly(bytes32 jobId, uint64 availableAfter)
func RenderEscrowResolveTooEarlyErrorID() common.Hash {
	return common.HexToHash("0xdcac3552bca139751f64f5d95d9e33bc5d556723032b57082f4ac5f085e27dfc")
}

// UnpackResolveTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ResolveTooEarly(bytes32 jobId, uint64 availableAfter)
func (renderEscrow *RenderEscrow) UnpackResolveTooEarlyError(raw []byte) (*RenderEscrowResolveTooEarly, error) {
	out := new(RenderEscrowResolveTooEarly)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ResolveTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the RenderEscrow contract.
type RenderEscrowSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func RenderEscrowSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (renderEscrow *RenderEscrow) UnpackSafeERC20FailedOperationError(raw []byte) (*RenderEscrowSafeERC20FailedOperation, error) {
	out := new(RenderEscrowSafeERC20FailedOperation)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowSlashCapExceeded represents a SlashCapExceeded error raised by the RenderEscrow contract.
type RenderEscrowSlashCapExceeded struct {
	JobId     [32]byte
	Cap       *big.Int
	Requested *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SlashCapExceeded(bytes32 jobId, uint256 cap, uint256 requested)
func RenderEscrowSlashCapExceededErrorID() common.Hash {
	return common.HexToHash("0xf8979380ad0b5e66939647eb56c2f91cf45b6e69646c89ce9bd29447d97696aa")
}

// UnpackSlashCapExceededError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SlashCapExceeded(bytes32 jobId, uint256 cap, uint256 requested)
func (renderEscrow *RenderEscrow) UnpackSlashCapExceededError(raw []byte) (*RenderEscrowSlashCapExceeded, error) {
	out := new(RenderEscrowSlashCapExceeded)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "SlashCapExceeded", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowStringTooLong represents a StringTooLong error raised by the RenderEscrow contract.
type RenderEscrowStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func RenderEscrowStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (renderEscrow *RenderEscrow) UnpackStringTooLongError(raw []byte) (*RenderEscrowStringTooLong, error) {
	out := new(RenderEscrowStringTooLong)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowUnstakeTooEarly represents a UnstakeTooEarly error raised by the RenderEscrow contract.
type RenderEscrowUnstakeTooEarly struct {
	Node     common.Address
	UnlockAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnstakeTooEarly(address node, uint64 unlockAt)
func RenderEscrowUnstakeTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x4076506b89590698c78faaffdb36213a31bdf050f9d48f497161c98dee7ec4a0")
}

// UnpackUnstakeTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnstakeTooEarly(address node, uint64 unlockAt)
func (renderEscrow *RenderEscrow) UnpackUnstakeTooEarlyError(raw []byte) (*RenderEscrowUnstakeTooEarly, error) {
	out := new(RenderEscrowUnstakeTooEarly)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "UnstakeTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowVotingClosed represents a VotingClosed error raised by the RenderEscrow contract.
type RenderEscrowVotingClosed struct {
	JobId      [32]byte
	VotingEnds uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VotingClosed(bytes32 jobId, uint64 votingEnds)
func RenderEscrowVotingClosedErrorID() common.Hash {
	return common.HexToHash("0xd8cbb40d3db48ba19cc8ef6b09a6bcf131454c68c281570b0f4c098ef92672fc")
}

// UnpackVotingClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VotingClosed(bytes32 jobId, uint64 votingEnds)
func (renderEscrow *RenderEscrow) UnpackVotingClosedError(raw []byte) (*RenderEscrowVotingClosed, error) {
	out := new(RenderEscrowVotingClosed)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "VotingClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowZeroAddress represents a ZeroAddress error raised by the RenderEscrow contract.
type RenderEscrowZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func RenderEscrowZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (renderEscrow *RenderEscrow) UnpackZeroAddressError(raw []byte) (*RenderEscrowZeroAddress, error) {
	out := new(RenderEscrowZeroAddress)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// RenderEscrowZeroAmount represents a ZeroAmount error raised by the RenderEscrow contract.
type RenderEscrowZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func RenderEscrowZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (renderEscrow *RenderEscrow) UnpackZeroAmountError(raw []byte) (*RenderEscrowZeroAmount, error) {
	out := new(RenderEscrowZeroAmount)
	if err := renderEscrow.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
