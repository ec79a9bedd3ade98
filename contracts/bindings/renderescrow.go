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
	Reserved  *big.Int
	Root      [32]byte
}

// RenderEscrowNodeClaim is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowNodeClaim struct {
	JobId  [32]byte
	Node   common.Address
	Amount *big.Int
	Proof  [][32]byte
}

// RenderEscrowReservation is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowReservation struct {
	Worker common.Address
	Amount *big.Int
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
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unstakeDelay_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"reclaimGrace_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"slashCapBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"requesterBondBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint128\",\"name\":\"disputeBond_\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"disputeWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"voteWindow_\",\"type\":\"uint64\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"AlreadyConvicted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"AlreadySettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"}],\"name\":\"AlreadyVoted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"AmountTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"ArbitersAlreadyDrawn\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadCheckSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"BadDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"BadProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadReceiptSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadResultSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadSlashCap\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"reclaimGrace\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimWindow\",\"type\":\"uint64\"}],\"name\":\"BadWindows\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"owed\",\"type\":\"uint256\"}],\"name\":\"BudgetExhausted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unclaimed\",\"type\":\"uint256\"}],\"name\":\"ClaimExceedsTotal\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"ClaimWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"DisputeOpen\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"DisputeWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"drawBlock\",\"type\":\"uint64\"}],\"name\":\"DrawTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NoArbiters\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NoOpenDispute\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotArbiter\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NotDisputable\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRequester\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"NotSettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NothingToUnstake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"OverBudget\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"ReceiptTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"ReceiptWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"availableAfter\",\"type\":\"uint64\"}],\"name\":\"ReclaimTooEarly\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"availableAfter\",\"type\":\"uint64\"}],\"name\":\"ResolveTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"cap\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"requested\",\"type\":\"uint256\"}],\"name\":\"SlashCapExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"votingEnds\",\"type\":\"uint64\"}],\"name\":\"VotingClosed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address[3]\",\"name\":\"arbiters\",\"type\":\"address[3]\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"votingEnds\",\"type\":\"uint64\"}],\"name\":\"ArbitersDrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"crops\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"renderHash\",\"type\":\"bytes32\"}],\"name\":\"CheckSlashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"overturned\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"fee\",\"type\":\"uint256\"}],\"name\":\"DisputeResolved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"drawBlock\",\"type\":\"uint64\"}],\"name\":\"Disputed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"JobOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"JobSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bonus\",\"type\":\"uint256\"}],\"name\":\"ReceiptPaid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"closed\",\"type\":\"bool\"}],\"name\":\"Reclaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reserved\",\"type\":\"uint256\"}],\"name\":\"Reserved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"active\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unstaked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"arbiter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"guilty\",\"type\":\"bool\"}],\"name\":\"Voted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ARBITERS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"CHECK_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_DRAWS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RECEIPT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RESULT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"bondFor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"burned\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"crops\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"renderHash\",\"type\":\"bytes32\"}],\"name\":\"checkDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tasks\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"results\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedReceipt[]\",\"name\":\"receipts\",\"type\":\"tuple[]\"}],\"name\":\"claimByReceipts\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claimFor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structRenderEscrow.NodeClaim[]\",\"name\":\"claims\",\"type\":\"tuple[]\"}],\"name\":\"claimForMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structRenderEscrow.Claim[]\",\"name\":\"claims\",\"type\":\"tuple[]\"}],\"name\":\"claimMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"claimWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"convictions\",\"outputs\":[{\"internalType\":\"uint128\",\"name\":\"amount\",\"type\":\"uint128\"},{\"internalType\":\"uint40\",\"name\":\"slashedAt\",\"type\":\"uint40\"},{\"internalType\":\"enumRenderEscrow.Verdict\",\"name\":\"verdict\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"dispute\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"disputeBond\",\"outputs\":[{\"internalType\":\"uint128\",\"name\":\"\",\"type\":\"uint128\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"disputeOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint64\",\"name\":\"drawBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint40\",\"name\":\"votingEnds\",\"type\":\"uint40\"},{\"internalType\":\"uint8\",\"name\":\"guilty\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"innocent\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"voted\",\"type\":\"uint8\"},{\"internalType\":\"address[3]\",\"name\":\"arbiters\",\"type\":\"address[3]\"}],\"internalType\":\"structRenderEscrow.Dispute\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"disputeWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"drawArbiters\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"jobOf\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"internalType\":\"uint40\",\"name\":\"deadline\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"settledAt\",\"type\":\"uint40\"},{\"internalType\":\"enumRenderEscrow.Status\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint128\",\"name\":\"budget\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"unclaimed\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"held\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"bond\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"slashed\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"reserved\",\"type\":\"uint128\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"internalType\":\"structRenderEscrow.Job\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"leafOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"openDisputes\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"openJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"paid\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tasks\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"results\",\"type\":\"bytes32\"}],\"name\":\"receiptDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"reclaim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reclaimGrace\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requesterBondBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"internalType\":\"structRenderEscrow.Reservation[]\",\"name\":\"shares\",\"type\":\"tuple[]\"}],\"name\":\"reserve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"}],\"name\":\"reservedFor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"resolve\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"}],\"name\":\"resultDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedResult\",\"name\":\"result\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"slashCap\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slashCapBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"crops\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"renderHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedCheck\",\"name\":\"check\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slashCheck\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"stakeOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint128\",\"name\":\"active\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"pending\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"internalType\":\"structRenderEscrow.StakeInfo\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"stakerCount\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"name\":\"stakers\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstakeDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"guilty\",\"type\":\"bool\"}],\"name\":\"vote\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"voteWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "RenderEscrow",
	Bin: "0x610280604052348015610010575f5ffd5b506040516152b83803806152b883398101604081905261002f916102f2565b6040518060400160405280600c81526020016b52656e646572457363726f7760a01b815250604051806040016040528060018152602001603160f81b81525061007d8261028960201b60201c565b6101205261008a81610289565b61014052815160208084019190912060e052815190820120610100524660a05261011660e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b0389166101465760405163d92e233d60e01b815260040160405180910390fd5b6127108561ffff16111561017857604051632438d84b60e11b815261ffff861660048201526024015b60405180910390fd5b6127108461ffff1611156101a557604051637f2c394f60e01b815261ffff8516600482015260240161016f565b866001600160401b0316866001600160401b031610156101eb57604051631f74ee5760e21b81526001600160401b0380891660048301528716602482015260440161016f565b866001600160401b0316826001600160401b0316111561023157604051631f74ee5760e21b81526001600160401b0380891660048301528316602482015260440161016f565b6001600160a01b03909816610160526001600160401b03968716610180529486166101a0529285166101c05261ffff9182166101e05216610200526001600160801b031661022052811661024052166102605261040a565b5f5f829050601f815111156102b3578260405163305a27a960e01b815260040161016f91906103af565b80516102be826103e4565b179392505050565b80516001600160401b03811681146102dc575f5ffd5b919050565b805161ffff811681146102dc575f5ffd5b5f5f5f5f5f5f5f5f5f6101208a8c03121561030b575f5ffd5b89516001600160a01b0381168114610321575f5ffd5b985061032f60208b016102c6565b975061033d60408b016102c6565b965061034b60608b016102c6565b955061035960808b016102e1565b945061036760a08b016102e1565b60c08b01519094506001600160801b0381168114610383575f5ffd5b925061039160e08b016102c6565b91506103a06101008b016102c6565b90509295985092959850929598565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610404575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516101a0516101c0516101e05161020051610220516102405161026051614d386105805f395f818161053c015281816112e4015261229901525f818161031801528181611ef501526122bf01525f818161037c0152818161204f015281816123d6015261347b01525f81816106e601528181612a620152613bf201525f8181610653015261090901525f818161070d01528181611af1015281816131c1015261324501525f81816102d401528181611a0c01528181611ab1015281816139f60152613a3801525f81816103fe01526109c501525f818161088b01528181610b7f01528181610ca801528181610f780152818161172401528181611c7201528181611df501528181612023015281816125e80152818161269101528181612e720152612f2301525f61383301525f61380801525f613e3f01525f613e1701525f613d7201525f613d9c01525f613dc60152614d385ff3fe608060405234801561000f575f5ffd5b50600436106102cb575f3560e01c806396afb3651161017b578063e0b91f92116100e4578063f698da251161009e578063fb4298ce11610079578063fb4298ce14610873578063fc0c546a14610886578063fd3c4a89146108c5578063fd5e6dd1146108d8575f5ffd5b8063f698da2514610845578063fa1056b21461084d578063fa5c4e9914610860575f5ffd5b8063e0b91f9214610787578063e166a83d1461079a578063e7979fed146107ba578063e9a31ed0146107cd578063f28d6e771461082a578063f61962aa14610832575f5ffd5b8063b906d29011610135578063b906d290146106e1578063c5d37ae114610708578063d16866041461072f578063d3b512c014610742578063d76f8e8014610755578063dff697871461077f575f5ffd5b806396afb3651461063b578063a44678d91461064e578063a694fc3a14610688578063ad34971e1461069b578063add98c70146106ae578063affe000e146106c1575f5ffd5b8063426233601161023757806373f42561116101f157806384b0196e116101cc57806384b0196e146105bf5780638ccb64d5146105da578063956223bd1461060157806395850f5914610614575f5ffd5b806373f4256114610590578063794adf23146105995780637b491431146105ac575f5ffd5b8063426233601461045d578063652f0c2b146105115780636915d334146105245780636d430747146105375780636fb7f3e41461055e578063730ad4541461057d575f5ffd5b8063230957211161028857806323095721146103c957806327d718b4146103de5780632def6620146103f15780633222012f146103f9578063378c2173146104205780633daef73e1461044a575f5ffd5b80630ed0f4af146102cf578063117f5f9214610313578063123f8e9f1461033a5780631358f48f1461036f57806317baaf20146103775780631a168633146103b6575b5f5ffd5b6102f67f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160401b0390911681526020015b60405180910390f35b6102f67f000000000000000000000000000000000000000000000000000000000000000081565b6103617f0a2bd72495c3d375b6433f37917588c3dc00aa22da2a9dfa582e4ce0e77957dd81565b60405190815260200161030a565b610361600381565b61039e7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160801b03909116815260200161030a565b6103616103c43660046143cc565b6108eb565b6103dc6103d73660046143cc565b610948565b005b6103dc6103ec36600461442a565b610abb565b6103dc610bb3565b6102f67f000000000000000000000000000000000000000000000000000000000000000081565b61036161042e366004614483565b600560209081525f928352604080842090915290825290205481565b6103dc6104583660046144ad565b610cdb565b6104d861046b3660046144d6565b60408051606080820183525f80835260208084018290529284018190526001600160a01b0394909416845260098252928290208251938401835280546001600160801b038082168652600160801b9091041691840191909152600101546001600160401b03169082015290565b6040805182516001600160801b03908116825260208085015190911690820152918101516001600160401b03169082015260600161030a565b6103dc61051f3660046144ef565b610f52565b6103dc610532366004614483565b610faf565b6102f67f000000000000000000000000000000000000000000000000000000000000000081565b61036161056c3660046143cc565b60046020525f908152604090205481565b6103dc61058b366004614551565b611388565b61036160025481565b6103dc6105a736600461442a565b611645565b6103dc6105ba366004614592565b611756565b6105c7611842565b60405161030a9796959493929190614627565b6103617fddb3328524016e9f98e9023eb7ec8c0e354e708b8fde3691054412a349b6f66081565b61036161060f3660046146bd565b611884565b6103617f097df79cab25cf19c8933a0866e301d488a9e7aa5e97753649e90af2a543946381565b6103dc6106493660046143cc565b611907565b6106757f000000000000000000000000000000000000000000000000000000000000000081565b60405161ffff909116815260200161030a565b6103dc6106963660046143cc565b611ca6565b6103616106a93660046146ff565b611e27565b6103dc6106bc3660046143cc565b611e85565b6106d46106cf3660046143cc565b61207f565b60405161030a9190614756565b6106757f000000000000000000000000000000000000000000000000000000000000000081565b6102f67f000000000000000000000000000000000000000000000000000000000000000081565b6103dc61073d366004614483565b6121bf565b6103dc610750366004614862565b6126d8565b610361610763366004614483565b600660209081525f928352604080842090915290825290205481565b600a54610361565b6103616107953660046143cc565b612a56565b6107ad6107a8366004614483565b612a88565b60405161030a91906148da565b6103dc6107c836600461442a565b612b58565b61081b6107db366004614483565b600760209081525f92835260408084209091529082529020546001600160801b03811690600160801b810464ffffffffff1690600160a81b900460ff1683565b60405161030a93929190614963565b610361602081565b6103dc61084036600461499e565b612bab565b610361612ea3565b61036161085b3660046144ad565b612eb1565b6103dc61086e3660046149d4565b612efd565b6103dc610881366004614a22565b612f59565b6108ad7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161030a565b6103616108d3366004614a78565b61303d565b6108ad6108e63660046143cc565b613096565b5f81815260036020526040812060010154612710906109389061ffff7f000000000000000000000000000000000000000000000000000000000000000016906001600160801b0316614ab4565b6109429190614adf565b92915050565b6109506130be565b805f0361097057604051631f2a200560e01b815260040160405180910390fd5b335f90815260096020526040902080546001600160801b0316808311156109bf5760405163936d426d60e01b815233600482015260248101829052604481018490526064015b60405180910390fd5b5f6109ea7f000000000000000000000000000000000000000000000000000000000000000042614af2565b90506109f68483614b11565b83546001600160801b0319166001600160801b039182161780855585918591601091610a2c918591600160801b90910416614b24565b82546101009290920a6001600160801b038181021990931691909216919091021790555060018301805467ffffffffffffffff19166001600160401b03831690811790915560408051868152602081019290925233917f21020437c0e4b58b34bd7ac1f1cef55e7820d1bcd93824ceb273cad96eea704c910160405180910390a2505050610ab86130f3565b50565b610ac36130be565b5f805b82811015610b6b57610b57848483818110610ae357610ae3614b43565b9050602002810190610af59190614b57565b3533868685818110610b0957610b09614b43565b9050602002810190610b1b9190614b57565b60200135878786818110610b3157610b31614b43565b9050602002810190610b439190614b57565b610b51906040810190614b75565b5f61311d565b610b619083614bba565b9150600101610ac6565b508015610ba657610ba66001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383613376565b50610baf6130f3565b5050565b610bbb6130be565b335f90815260096020526040812080549091600160801b9091046001600160801b031690819003610c01576040516378ec4c2b60e01b81523360048201526024016109b6565b60018201546001600160401b0316421015610c46576001820154604051634076506b60e01b81523360048201526001600160401b0390911660248201526044016109b6565b81546001600160801b0316825560018201805467ffffffffffffffff1916905560405181815233907f0f5bb82176feb1b5e747e28471aa92156a04d9f3ab9f45f28e2d704232b93f759060200160405180910390a2610ccf6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383613376565b5050610cd96130f3565b565b610ce36130be565b5f83815260036020526040812080549091600160f01b90910460ff1690816003811115610d1257610d1261472e565b03610d335760405163c182b72d60e01b8152600481018690526024016109b6565b81546001600160a01b03163314610d665760405163ada9265360e01b8152600481018690523360248201526044016109b6565b6002816003811115610d7a57610d7a61472e565b03610d9b576040516358cb522560e11b8152600481018690526024016109b6565b6003816003811115610daf57610daf61472e565b03610dd0576040516343e3664160e11b8152600481018690526024016109b6565b8154600160a01b900464ffffffffff16421115610e19578154604051637fa0676960e01b815260048101879052600160a01b90910464ffffffffff1660248201526044016109b6565b60018201546001600160801b031680841115610e5c5760405160016222bf4760e21b031981526004810187905260248101859052604481018290526064016109b6565b60028301546001600160801b03165f818610610e785781610e7a565b855b855465ffffffffffff60c81b1916600160c81b4264ffffffffff160217600160f11b1786556001860180546001600160801b03908116600160801b918416919091021790559050610ecb8183614b11565b6002860180546001600160801b0319166001600160801b039290921691909117905560048501879055877fc77ac37457af23a4f815d9aab22c23d87c9a2b7426f35a58fcd0431a894e7cb68888610f228587614b11565b6040805193845260208401929092529082015260600160405180910390a25050505050610f4d6130f3565b505050565b610f5a6130be565b5f610f6986868686865f61311d565b9050610f9f6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168683613376565b50610fa86130f3565b5050505050565b610fb76130be565b60025f8381526007602090815260408083206001600160a01b0386168452909152902054600160a81b900460ff166004811115610ff657610ff661472e565b1461102657604051632c6efc2d60e21b8152600481018390526001600160a01b03821660248201526044016109b6565b5f8281526008602090815260408083206001600160a01b038516845290915290208054600160401b900464ffffffffff1615611087576040516363d3898160e11b8152600481018490526001600160a01b03831660248201526044016109b6565b80546001600160401b031643116110c6578054604051634fa87d6160e11b8152600481018590526001600160401b0390911660248201526044016109b6565b80546001600160401b03164080611147576110e2436001614bba565b825467ffffffffffffffff19166001600160401b039190911690811783556040519081526001600160a01b0384169085907f8bf8d3bc1ba6404430c84ed1ad9486a05f837dc6ec0e1a14b7eb65f21cea21b89060200160405180910390a35050611380565b5f84815260036020526040812054600a546001600160a01b0390911691805b6020811080156111765750600382105b801561118157505f83115b156112ac575f600a8487846040516020016111a6929190918252602082015260400190565b604051602081830303815290604052805190602001205f1c6111c89190614bcd565b815481106111d8576111d8614b43565b5f918252602090912001546001600160a01b031690506111fa898987846133ab565b611204575061129c565b5f805b8481101561124b57826001600160a01b031689600101826003811061122e5761122e614b43565b01546001600160a01b03160361124357600191505b600101611207565b50801561125957505061129c565b81600189018561126881614be0565b96506003811061127a5761127a614b43565b0180546001600160a01b0319166001600160a01b039290921691909117905550505b6112a581614be0565b9050611166565b50805f036112de57604051629485c760e41b8152600481018890526001600160a01b03871660248201526044016109b6565b5f6113097f000000000000000000000000000000000000000000000000000000000000000042614af2565b86546cffffffffff00000000000000001916600160401b64ffffffffff8316021787556040519091506001600160a01b0388169089907f63c53788700e36a46f1150d4730eaaae20a92b75322bad6c9128d6b46029c74a906113719060018b01908690614bf8565b60405180910390a35050505050505b610baf6130f3565b6113906130be565b60025f8481526007602090815260408083206001600160a01b0387168452909152902054600160a81b900460ff1660048111156113cf576113cf61472e565b146113ff57604051632c6efc2d60e21b8152600481018490526001600160a01b03831660248201526044016109b6565b5f8381526008602090815260408083206001600160a01b0386168452909152812080549091600160401b90910464ffffffffff16900361145857838333604051630cb8d0a160e31b81526004016109b693929190614c41565b8054600160401b900464ffffffffff164211156114a157805460405163d8cbb40d60e01b815260048101869052600160401b90910464ffffffffff1660248201526044016109b6565b5f5b6003811080156114d25750336001830182600381106114c4576114c4614b43565b01546001600160a01b031614155b156114e7576114e081614be0565b90506114a3565b60038114806114f4575033155b1561151857848433604051630cb8d0a160e31b81526004016109b693929190614c41565b81546001821b90600160781b9004811660ff161561154f57858533604051637a9856e360e11b81526004016109b693929190614c41565b825460ff808316600160781b80840492909216170260ff60781b1990911617835583156115b25782546001908490600d90611595908490600160681b900460ff16614c60565b92506101000a81548160ff021916908360ff1602179055506115ea565b82546001908490600e906115d1908490600160701b900460ff16614c60565b92506101000a81548160ff021916908360ff1602179055505b336001600160a01b0316856001600160a01b0316877f19815ecd76ec1429714ac164b876113428fc307613bf3f616a9073285b2fa66787604051611632911515815260200190565b60405180910390a4505050610f4d6130f3565b61164d6130be565b5f5b81811015610ba6573683838381811061166a5761166a614b43565b905060200281019061167c9190614c79565b80355f9081526006602090815260408083209394506116a0919085019085016144d6565b6001600160a01b03166001600160a01b031681526020019081526020015f20548160400135116116d0575061174e565b5f6116ff82356116e660408501602086016144d6565b60408501356116f86060870187614b75565b600161311d565b9050801561174b5761174b61171a60408401602085016144d6565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169083613376565b50505b60010161164f565b61175e6130be565b5f6117846117728785356020870135612eb1565b61177f6040860186614c8d565b6134a7565b9050846001600160a01b0316816001600160a01b03161415806117ae57506001600160a01b038516155b156117d2578585826040516325b8703960e21b81526004016109b693929190614c41565b6117dd8686866134be565b6040805185815260208181018590528535928201929092529084013560608201526001600160a01b0386169087907f4111b975cc068073b2a90e6b233d15b46a2f625f70d21ebdfee89f902b98bc0e906080015b60405180910390a350610fa86130f3565b5f6060805f5f5f6060611853613801565b61185b61382c565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b604080517f097df79cab25cf19c8933a0866e301d488a9e7aa5e97753649e90af2a543946360208201529081018690526001600160a01b03851660608201526080810184905260a0810183905260c081018290525f906118fd9060e0015b60405160208183030381529060405280519060200120613857565b9695505050505050565b61190f6130be565b5f81815260036020526040812080549091600160f01b90910460ff169081600381111561193e5761193e61472e565b0361195f5760405163c182b72d60e01b8152600481018490526024016109b6565b60038160038111156119735761197361472e565b03611994576040516343e3664160e11b8152600481018490526024016109b6565b5f83815260046020526040902054156119c357604051635947dacd60e11b8152600481018490526024016109b6565b60028201545f906119e6906001600160801b03600160801b820481169116614bba565b90505f60018360038111156119fd576119fd61472e565b03611aa75783545f90611a3f907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900464ffffffffff16614af2565b9050806001600160401b03164211611a7c5760405163208a6adf60e11b8152600481018790526001600160401b03821660248201526044016109b6565b6003850154611a9b90600160801b90046001600160801b031684614bba565b92506001915050611bd0565b83545f90611ae4907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614af2565b85549091505f90611b24907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614af2565b9050806001600160401b0316421115611b785760038601546001870154611b63916001600160801b03600160801b918290048116929190910416614bba565b611b6d9085614bba565b935060019250611bcd565b816001600160401b031642111580611b8e575083155b15611bcd57868415611ba05782611ba2565b815b60405163208a6adf60e11b815260048101929092526001600160401b031660248201526044016109b6565b50505b83545f60028601556001600160a01b03168115611c1857845460ff60f01b1916600360f01b1785556001850180546001600160801b0390811690915560038601805490911690555b6040805184815283151560208201526001600160a01b0383169188917f52c21b90c6f5706647f65a7fee375b5247681986f3aeac968e975e269fb4a5c7910160405180910390a38215611c9957611c996001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168285613376565b5050505050610ab86130f3565b611cae6130be565b805f03611cce57604051631f2a200560e01b815260040160405180910390fd5b335f9081526009602052604081208054909190611cf59084906001600160801b0316614bba565b90506001600160801b03811115611d22576040516304041d9560e11b8152600481018490526024016109b6565b81546001600160801b0319166001600160801b038216178255335f908152600b602052604090205460ff16611dad57335f818152600b60205260408120805460ff19166001908117909155600a805491820181559091527fc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a80180546001600160a01b03191690911790555b604080518481526020810183905233917f1449c6dd7851abc30abf37f57715f492010519147cc2652fbc38202c18a6ee90910160405180910390a2611e1d6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016333086613883565b5050610ab86130f3565b604080517fddb3328524016e9f98e9023eb7ec8c0e354e708b8fde3691054412a349b6f6606020820152908101859052606081018490526080810183905260a081018290525f90611e7a9060c0016118e2565b90505b949350505050565b611e8d6130be565b5f818152600760209081526040808320338452909152902060018154600160a81b900460ff166004811115611ec457611ec461472e565b14611eeb57604051632b1ffaf560e21b8152600481018390523360248201526044016109b6565b80545f90611f28907f000000000000000000000000000000000000000000000000000000000000000090600160801b900464ffffffffff16614af2565b9050806001600160401b0316421115611f665760405163de47044160e01b8152600481018490526001600160401b03821660248201526044016109b6565b815460ff60a81b1916600160a91b1782555f838152600460205260408120805460019290611f95908490614bba565b909155505f9050611fa7436001614bba565b5f8581526008602090815260408083203380855290835292819020805467ffffffffffffffff19166001600160401b0386169081179091559051908152929350909186917f8bf8d3bc1ba6404430c84ed1ad9486a05f837dc6ec0e1a14b7eb65f21cea21b8910160405180910390a36120746001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001633306001600160801b037f000000000000000000000000000000000000000000000000000000000000000016613883565b505050610ab86130f3565b60408051610160810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101829052610100810182905261012081018290526101408101919091525f8281526003602081815260409283902083516101608101855281546001600160a01b038116825264ffffffffff600160a01b8204811694830194909452600160c81b81049093169481019490945291606084019160ff600160f01b90910416908111156121475761214761472e565b60038111156121585761215861472e565b815260018201546001600160801b038082166020840152600160801b91829004811660408401526002840154808216606085015282900481166080840152600384015480821660a0850152919091041660c082015260049091015460e09091015292915050565b6121c76130be565b5f8281526007602090815260408083206001600160a01b0385168452909152902060028154600160a81b900460ff1660048111156122075761220761472e565b1461223757604051632c6efc2d60e21b8152600481018490526001600160a01b03831660248201526044016109b6565b5f8381526008602090815260408083206001600160a01b03861684529091528120805490919061227a9060ff600160701b8204811691600160681b900416614bba565b8254909150600160401b900464ffffffffff165f0361233f5782545f907f0000000000000000000000000000000000000000000000000000000000000000906122f2907f000000000000000000000000000000000000000000000000000000000000000090600160801b900464ffffffffff16614af2565b6122fc9190614af2565b9050806001600160401b0316421161233957604051636e561aa960e11b8152600481018790526001600160401b03821660248201526044016109b6565b5061239c565b8154600160401b900464ffffffffff1642118015906123655750612362826138b9565b81105b1561239c578154604051636e561aa960e11b815260048101879052600160401b90910464ffffffffff1660248201526044016109b6565b5f85815260036020908152604080832060049092528220805491926001926123c5908490614b11565b909155505082546001600160801b037f000000000000000000000000000000000000000000000000000000000000000016905f90829060ff600160681b82048116600160701b9092041611801561256f578754600160aa1b60ff60a81b198216178955600280546001600160801b03909216918291905f90612448908490614b11565b90915550506003860180548291905f9061246c9084906001600160801b0316614ccf565b82546101009290920a6001600160801b038181021990931691831602179091556001600160a01b038c165f908152600960205260408120805485945090926124b691859116614b24565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550848660020160109054906101000a90046001600160801b03166001600160801b031610612507578461251d565b6002860154600160801b90046001600160801b03165b9350838660020160108282829054906101000a90046001600160801b03166125459190614ccf565b92506101000a8154816001600160801b0302191690836001600160801b031602179055505061258d565b875460ff60a81b1916600360a81b178855851561258d578392505f91505b604080518215158152602081018590526001600160a01b038b16918c917f132d38a4764a3b723f8a96d80fe88e2f04637beba6a6a84c3cf9dc4af2135c59910160405180910390a3811561260f5761260f6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168a84613376565b82156126c8575f6126208785614adf565b90505f61262d8883614ab4565b6126379086614b11565b90505f5b60038110156126c4578954600160781b90046001821b1660ff16156126bc576126b88a600101826003811061267257612672614b43565b01546001600160a01b03166126878486614bba565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169190613376565b5f91505b60010161263b565b5050505b5050505050505050610baf6130f3565b6126e06130be565b5f83815260036020526040812080549091600160f01b90910460ff169081600381111561270f5761270f61472e565b036127305760405163c182b72d60e01b8152600481018690526024016109b6565b81546001600160a01b031633146127635760405163ada9265360e01b8152600481018690523360248201526044016109b6565b60038160038111156127775761277761472e565b03612798576040516343e3664160e11b8152600481018690526024016109b6565b60028160038111156127ac576127ac61472e565b036127cd576040516358cb522560e11b8152600481018690526024016109b6565b8154600160a01b900464ffffffffff16421115612816578154604051637fa0676960e01b815260048101879052600160a01b90910464ffffffffff1660248201526044016109b6565b5f805b8481101561299c573686868381811061283457612834614b43565b6040029190910191505f905061284d60208301836144d6565b6001600160a01b0316036128745760405163d92e233d60e01b815260040160405180910390fd5b80602001355f0361289857604051631f2a200560e01b815260040160405180910390fd5b6128a6602082013584614bba565b5f898152600560209081526040822092955090919083018035919083906128cd90866144d6565b6001600160a01b03166001600160a01b031681526020019081526020015f20546128f79190614bba565b5f8a8152600560209081526040822092935083929190612919908601866144d6565b6001600160a01b031681526020808201929092526040015f2091909155612942908301836144d6565b6001600160a01b0316897f3b34446c7dfff7d7e81c5f9384fa1843bf94d5b3a27afd6b01b537b605fe804284602001358460405161298a929190918252602082015260400190565b60405180910390a35050600101612819565b5060028301546001600160801b0316808211156129e05760405160016222bf4760e21b031981526004810188905260248101839052604481018290526064016109b6565b6129ea8282614b11565b6002850180546001600160801b0319166001600160801b039283161790556003850180548492601091612a26918591600160801b900416614b24565b92506101000a8154816001600160801b0302191690836001600160801b0316021790555050505050610f4d6130f3565b5f61271061093861ffff7f00000000000000000000000000000000000000000000000000000000000000001684614ab4565b612a90614373565b5f8381526008602090815260408083206001600160a01b0386168452825291829020825160c08101845281546001600160401b038116825264ffffffffff600160401b8204169382019390935260ff600160681b8404811682860152600160701b84048116606080840191909152600160781b90940416608082015283519283019093529060a08301906001830160038282826020028201915b81546001600160a01b03168152600190910190602001808311612b2a57505050505081525050905092915050565b612b606130be565b5f805b82811015610b6b57612b97848483818110612b8057612b80614b43565b9050602002810190612b929190614cee565b613905565b612ba19083614bba565b9150600101612b63565b612bb36130be565b5f838152600360208190526040822054600160f01b900460ff1690811115612bdd57612bdd61472e565b14612bfe57604051639e2b4bfd60e01b8152600481018490526024016109b6565b815f03612c1e57604051631f2a200560e01b815260040160405180910390fd5b6001600160801b03821115612c49576040516304041d9560e11b8152600481018390526024016109b6565b42816001600160401b0316111580612c6e575064ffffffffff6001600160401b038216115b15612c9d5760405163810be31560e01b81526001600160401b03821660048201524260248201526044016109b6565b5f612ca783612a56565b604080516101608101825233815264ffffffffff85811660208084019182525f8486018181526001606087019081526001600160801b038c81166080890181905260a0890185905260c0890152891660e08801526101008701839052610120870183905261014087018390528c83526003938490529690912085518154945192518616600160c81b0264ffffffffff60c81b1993909616600160a01b026001600160c81b03199095166001600160a01b039091161793909317908116841783559451959650929490939092849260ff60f01b191665ffffffffffff60c81b199092169190911790600160f01b908490811115612da557612da561472e565b0217905550608082015160a08301516001600160801b03918216600160801b918316820217600184015560c084015160e0850151908316908316820217600284015561010084015161012085015190831692160217600382015561014090910151600490910155604080518481526001600160401b0384166020820152908101829052339085907f1f7cddf2101edb94c86d2219c722fcb33cd7f75b564374900e0e6c91fd8ad7af9060600160405180910390a3612e9a3330612e688487614bba565b6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016929190613883565b50610f4d6130f3565b5f612eac613d66565b905090565b604080517f0a2bd72495c3d375b6433f37917588c3dc00aa22da2a9dfa582e4ce0e77957dd602082015290810184905260608101839052608081018290525f90611e7d9060a0016118e2565b612f056130be565b5f612f1485338686865f61311d565b9050612f4a6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383613376565b50612f536130f3565b50505050565b612f616130be565b5f612f87612f7a87853560208701356040880135611e27565b61177f6060860186614c8d565b9050846001600160a01b0316816001600160a01b0316141580612fb157506001600160a01b038516155b15612fd5578585826040516368af365760e01b81526004016109b693929190614c41565b612fe08686866134be565b60408051858152602081810185905285358284015285013560608201529084013560808201526001600160a01b0386169087907f1f4ef468536ab96928f858a2a76a37d312183c7773b7e98654579e0d6bec08069060a001611831565b604080516001600160a01b03841660208201529081018290525f9060600160408051601f198184030181528282528051602091820120908301520160405160208183030381529060405280519060200120905092915050565b600a81815481106130a5575f80fd5b5f918252602090912001546001600160a01b0316905081565b6130c6613e8f565b610cd960017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90613ecf565b610cd95f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f006130ed565b5f8681526003602052604081208054600160f01b900460ff16600281600381111561314a5761314a61472e565b1461323b575f8160038111156131625761316261472e565b036131835760405163c182b72d60e01b8152600481018a90526024016109b6565b60038160038111156131975761319761472e565b1480156131b257508154600160c81b900464ffffffffff1615155b1561321f57815489906131f4907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614af2565b60405163083f703960e11b815260048101929092526001600160401b031660248201526044016109b6565b604051631d46cb0560e01b8152600481018a90526024016109b6565b81545f90613278907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614af2565b9050806001600160401b03164211156132b65760405163083f703960e11b8152600481018b90526001600160401b03821660248201526044016109b6565b5f8a81526006602090815260408083206001600160a01b038d16845290915290205480891161330a5760405163546511c760e11b8152600481018c90526001600160a01b038b1660248201526044016109b6565b6133238888866004015461331e8e8e61303d565b613ed6565b6133595760405163e41a1ecf60e01b8152600481018c90526001600160a01b038b166024820152604481018a90526064016109b6565b613367848c8c848d8b613eed565b9b9a5050505050505050505050565b6133838383836001614077565b610f4d57604051635274afe760e01b81526001600160a01b03841660048201526024016109b6565b5f836001600160a01b0316826001600160a01b0316141580156133e05750826001600160a01b0316826001600160a01b031614155b801561340b57505f8581526006602090815260408083206001600160a01b0386168452909152902054155b801561345257505f5f8681526007602090815260408083206001600160a01b0387168452909152902054600160a81b900460ff1660048111156134505761345061472e565b145b8015611e7a5750506001600160a01b03165f908152600960205260409020546001600160801b037f00000000000000000000000000000000000000000000000000000000000000008116911610159392505050565b5f6134b38484846140d9565b509095945050505050565b5f838152600360205260408120908154600160f01b900460ff1660038111156134e9576134e961472e565b0361350a5760405163c182b72d60e01b8152600481018590526024016109b6565b80546001600160a01b0316331461353d5760405163ada9265360e01b8152600481018590523360248201526044016109b6565b60018154600160f01b900460ff16600381111561355c5761355c61472e565b1461357d576040516358cb522560e11b8152600481018590526024016109b6565b8054600160a01b900464ffffffffff164211156135c6578054604051637fa0676960e01b815260048101869052600160a01b90910464ffffffffff1660248201526044016109b6565b815f036135e657604051631f2a200560e01b815260040160405180910390fd5b5f8481526007602090815260408083206001600160a01b03871684529091528120908154600160a81b900460ff1660048111156136255761362561472e565b14613655576040516358f88aad60e01b8152600481018690526001600160a01b03851660248201526044016109b6565b5f61365f866108eb565b60038401549091505f9061367d9086906001600160801b0316614bba565b9050818111156136b1576040516301f12f2760e71b81526004810188905260248101839052604481018290526064016109b6565b6001600160a01b0386165f908152600960205260408120805490916001600160801b03808316926136eb91600160801b9091041683614bba565b9050808811156137275760405163936d426d60e01b81526001600160a01b038a16600482015260248101829052604481018990526064016109b6565b8554600160a81b60ff60a81b196001600160801b038b81166001600160a81b031990941693909317600160801b4264ffffffffff160217161787556003880180549186166001600160801b03199092169190911790558188116137ae5761378e8883614b11565b83546001600160801b0319166001600160801b03919091161783556137df565b82546001600160801b03191683556137c68882614b11565b83546001600160801b03918216600160801b0291161783555b8760025f8282546137f09190614bba565b909155505050505050505050505050565b6060612eac7f0000000000000000000000000000000000000000000000000000000000000000614120565b6060612eac7f0000000000000000000000000000000000000000000000000000000000000000614120565b5f610942613863613d66565b8360405161190160f01b8152600281019290925260228201526042902090565b61389184848484600161415d565b612f5357604051635274afe760e01b81526001600160a01b03851660048201526024016109b6565b5f805b60038110156138ff575f6001840182600381106138db576138db614b43565b01546001600160a01b0316146138f7576138f482614be0565b91505b6001016138bc565b50919050565b80355f8181526003602052604081208054919291600160f01b900460ff16838160038111156139365761393661472e565b036139575760405163c182b72d60e01b8152600481018490526024016109b6565b600381600381111561396b5761396b61472e565b0361398c576040516343e3664160e11b8152600481018490526024016109b6565b5f60018260038111156139a1576139a161472e565b03613a30578254600160a01b900464ffffffffff1642116139ee57825460405163ac5a12e160e01b815260048101869052600160a01b90910464ffffffffff1660248201526044016109b6565b8254613a29907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900464ffffffffff16614af2565b9050613a6e565b8254613a6b907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16614af2565b90505b806001600160401b0316421115613aaa5760405163766bc71360e01b8152600481018590526001600160401b03821660248201526044016109b6565b5f613ad4613ac786338a602001358b604001358c60600135611884565b61177f60808a018a614c8d565b84549091506001600160a01b03808316911614613b0a578433826040516328a54a2d60e11b81526004016109b693929190614c41565b5f858152600660209081526040808320338452825290912054908801358110613b4f5760405163546511c760e11b8152600481018790523360248201526044016109b6565b5f613b5e8260208b0135614b11565b90505f613b6d883385856141ca565b60028801549091506001600160801b03165f613b898385614b11565b905081811115613b965750805b5f613ba18285614bba565b9050805f03613bcd5760405163bee974df60e01b8152600481018c9052602481018690526044016109b6565b5f60018a6003811115613be257613be261472e565b03613c7157612710613c1861ffff7f00000000000000000000000000000000000000000000000000000000000000001684614ab4565b613c229190614adf565b60028c0154909150600160801b90046001600160801b031680821115613c46578091505b613c508282614b11565b60028d0180546001600160801b03928316600160801b029216919091179055505b613c7b8288614bba565b5f8d815260066020908152604080832033845290915290205560038b018054869190601090613cbb908490600160801b90046001600160801b0316614ccf565b92506101000a8154816001600160801b0302191690836001600160801b031602179055508284613ceb9190614b11565b60028c0180546001600160801b0319166001600160801b0392909216919091179055604080518381526020810183905233918e917f99c7630d148678da3a9a6153c88ff0a3bbfd416c3704b20f300c47097cec19c6910160405180910390a3613d548183614bba565b9e9d5050505050505050505050505050565b5f306001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016148015613dbe57507f000000000000000000000000000000000000000000000000000000000000000046145b15613de857507f000000000000000000000000000000000000000000000000000000000000000090565b612eac604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15610cd957604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f82613ee386868561421d565b1495945050505050565b5f80613ef98585614b11565b90505f613f08888888856141ca565b90505f613f158284614b11565b60018b0154909150600160801b90046001600160801b031680821115613f39578091505b613f438284614bba565b9450845f03613f87578515613f5e575f9450505050506118fd565b60405162a378ab60e31b8152600481018b905260248101859052604481018290526064016109b6565b613f918589614bba565b5f8b81526006602090815260408083206001600160a01b038e16845290915290205560038b018054849190601090613fda908490600160801b90046001600160801b0316614ccf565b92506101000a8154816001600160801b0302191690836001600160801b03160217905550818161400a9190614b11565b60018c0180546001600160801b03928316600160801b0292169190911790556040518581526001600160a01b038a16908b907f0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f9060200160405180910390a3505050509695505050505050565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f511483166140cd5783831516156140c1573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f8080604184900361410d578435602086013560408701355f1a6140ff89828585614255565b955095509550505050614117565b505f915060029050825b93509350939050565b60605f61412c8361431d565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166141b95783831516156141ad573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f8481526005602090815260408083206001600160a01b03871684529091528120548084106141fc575f915050611e7d565b6142068482614b11565b915082821115614214578291505b50949350505050565b5f81815b848110156142145761424b8287878481811061423f5761423f614b43565b90506020020135614344565b9150600101614221565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561428e57505f91506003905082614313565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa1580156142df573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661430a57505f925060019150829050614313565b92505f91508190505b9450945094915050565b5f60ff8216601f81111561094257604051632cd44ac360e21b815260040160405180910390fd5b5f81831061435e575f82815260208490526040902061436c565b5f8381526020839052604090205b9392505050565b6040805160c0810182525f8082526020820181905291810182905260608101829052608081019190915260a081016143a96143ae565b905290565b60405180606001604052806003906020820280368337509192915050565b5f602082840312156143dc575f5ffd5b5035919050565b5f5f83601f8401126143f3575f5ffd5b5081356001600160401b03811115614409575f5ffd5b6020830191508360208260051b8501011115614423575f5ffd5b9250929050565b5f5f6020838503121561443b575f5ffd5b82356001600160401b03811115614450575f5ffd5b61445c858286016143e3565b90969095509350505050565b80356001600160a01b038116811461447e575f5ffd5b919050565b5f5f60408385031215614494575f5ffd5b823591506144a460208401614468565b90509250929050565b5f5f5f606084860312156144bf575f5ffd5b505081359360208301359350604090920135919050565b5f602082840312156144e6575f5ffd5b61436c82614468565b5f5f5f5f5f60808688031215614503575f5ffd5b8535945061451360208701614468565b93506040860135925060608601356001600160401b03811115614534575f5ffd5b614540888289016143e3565b969995985093965092949392505050565b5f5f5f60608486031215614563575f5ffd5b8335925061457360208501614468565b915060408401358015158114614587575f5ffd5b809150509250925092565b5f5f5f5f5f60a086880312156145a6575f5ffd5b853594506145b660208701614468565b93506040860135925060608601356001600160401b038111156145d7575f5ffd5b8601606081890312156145e8575f5ffd5b949793965091946080013592915050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f61464560e08301896145f9565b828103604084015261465781896145f9565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b818110156146ac57835183526020938401939092019160010161468e565b50909b9a5050505050505050505050565b5f5f5f5f5f60a086880312156146d1575f5ffd5b853594506146e160208701614468565b94979496505050506040830135926060810135926080909101359150565b5f5f5f5f60808587031215614712575f5ffd5b5050823594602084013594506040840135936060013592509050565b634e487b7160e01b5f52602160045260245ffd5b600481106147525761475261472e565b9052565b81516001600160a01b0316815261016081016020830151614780602084018264ffffffffff169052565b506040830151614799604084018264ffffffffff169052565b5060608301516147ac6060840182614742565b5060808301516147c760808401826001600160801b03169052565b5060a08301516147e260a08401826001600160801b03169052565b5060c08301516147fd60c08401826001600160801b03169052565b5060e083015161481860e08401826001600160801b03169052565b506101008301516148356101008401826001600160801b03169052565b506101208301516148526101208401826001600160801b03169052565b5061014092830151919092015290565b5f5f5f60408486031215614874575f5ffd5b8335925060208401356001600160401b03811115614890575f5ffd5b8401601f810186136148a0575f5ffd5b80356001600160401b038111156148b5575f5ffd5b8660208260061b84010111156148c9575f5ffd5b939660209190910195509293505050565b5f610100820190506001600160401b03835116825264ffffffffff602084015116602083015260ff604084015116604083015260ff606084015116606083015260ff608084015116608083015260a083015160a083015f5b600381101561495a5782516001600160a01b0316825260209283019290910190600101614932565b50505092915050565b6001600160801b038416815264ffffffffff8316602082015260608101600583106149905761499061472e565b826040830152949350505050565b5f5f5f606084860312156149b0575f5ffd5b833592506020840135915060408401356001600160401b0381168114614587575f5ffd5b5f5f5f5f606085870312156149e7575f5ffd5b843593506020850135925060408501356001600160401b03811115614a0a575f5ffd5b614a16878288016143e3565b95989497509550505050565b5f5f5f5f5f60a08688031215614a36575f5ffd5b85359450614a4660208701614468565b93506040860135925060608601356001600160401b03811115614a67575f5ffd5b8601608081890312156145e8575f5ffd5b5f5f60408385031215614a89575f5ffd5b614a9283614468565b946020939093013593505050565b634e487b7160e01b5f52601160045260245ffd5b808202811582820484141761094257610942614aa0565b634e487b7160e01b5f52601260045260245ffd5b5f82614aed57614aed614acb565b500490565b6001600160401b03818116838216019081111561094257610942614aa0565b8181038181111561094257610942614aa0565b6001600160801b03818116838216019081111561094257610942614aa0565b634e487b7160e01b5f52603260045260245ffd5b5f8235605e19833603018112614b6b575f5ffd5b9190910192915050565b5f5f8335601e19843603018112614b8a575f5ffd5b8301803591506001600160401b03821115614ba3575f5ffd5b6020019150600581901b3603821315614423575f5ffd5b8082018082111561094257610942614aa0565b5f82614bdb57614bdb614acb565b500690565b5f60018201614bf157614bf1614aa0565b5060010190565b6080810181845f5b6003811015614c285781546001600160a01b0316835260209092019160019182019101614c00565b5050506001600160401b03831660608301529392505050565b9283526001600160a01b03918216602084015216604082015260600190565b60ff818116838216019081111561094257610942614aa0565b5f8235607e19833603018112614b6b575f5ffd5b5f5f8335601e19843603018112614ca2575f5ffd5b8301803591506001600160401b03821115614cbb575f5ffd5b602001915036819003821315614423575f5ffd5b6001600160801b03828116828216039081111561094257610942614aa0565b5f8235609e19833603018112614b6b575f5ffdfea26469706673582212208e4295c21bc80018dea89f15b332cf672f4c626aee81ef219f726e6560b1d5cb64736f6c63430008250033",
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
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,uint128,uint128,uint128,bytes32))
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
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,uint128,uint128,uint128,bytes32))
func (renderEscrow *RenderEscrow) TryPackJobOf(jobId [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("jobOf", jobId)
}

// UnpackJobOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaffe000e.
//
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,uint128,uint128,uint128,bytes32))
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

// PackReserve is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3b512c0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reserve(bytes32 jobId, (address,uint256)[] shares) returns()
func (renderEscrow *RenderEscrow) PackReserve(jobId [32]byte, shares []RenderEscrowReservation) []byte {
	enc, err := renderEscrow.abi.Pack("reserve", jobId, shares)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReserve is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3b512c0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reserve(bytes32 jobId, (address,uint256)[] shares) returns()
func (renderEscrow *RenderEscrow) TryPackReserve(jobId [32]byte, shares []RenderEscrowReservation) ([]byte, error) {
	return renderEscrow.abi.Pack("reserve", jobId, shares)
}

// PackReservedFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x378c2173.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reservedFor(bytes32 jobId, address worker) view returns(uint256)
func (renderEscrow *RenderEscrow) PackReservedFor(jobId [32]byte, worker common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("reservedFor", jobId, worker)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReservedFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x378c2173.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reservedFor(bytes32 jobId, address worker) view returns(uint256)
func (renderEscrow *RenderEscrow) TryPackReservedFor(jobId [32]byte, worker common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("reservedFor", jobId, worker)
}

// UnpackReservedFor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x378c2173.
//
// Solidity: function reservedFor(bytes32 jobId, address worker) view returns(uint256)
func (renderEscrow *RenderEscrow) UnpackReservedFor(data []byte) (*big.Int, error) {
	out, err := renderEscrow.abi.Unpack("reservedFor", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
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

// RenderEscrowReserved represents a Reserved event raised by the RenderEscrow contract.
type RenderEscrowReserved struct {
	JobId    [32]byte
	Worker   common.Address
	Amount   *big.Int
	Reserved *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const RenderEscrowReservedEventName = "Reserved"

// ContractEventName returns the user-defined event name.
func (RenderEscrowReserved) ContractEventName() string {
	return RenderEscrowReservedEventName
}

// UnpackReservedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Reserved(bytes32 indexed jobId, address indexed worker, uint256 amount, uint256 reserved)
func (renderEscrow *RenderEscrow) UnpackReservedEvent(log *types.Log) (*RenderEscrowReserved, error) {
	event := "Reserved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != renderEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(RenderEscrowReserved)
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
