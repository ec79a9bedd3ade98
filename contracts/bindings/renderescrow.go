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
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unstakeDelay_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"reclaimGrace_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"slashCapBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"requesterBondBps_\",\"type\":\"uint16\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"AlreadyConvicted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"AlreadySettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"AmountTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"BadDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"BadProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadReceiptSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"}],\"name\":\"BadResultSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadSlashCap\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"reclaimGrace\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimWindow\",\"type\":\"uint64\"}],\"name\":\"BadWindows\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"owed\",\"type\":\"uint256\"}],\"name\":\"BudgetExhausted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unclaimed\",\"type\":\"uint256\"}],\"name\":\"ClaimExceedsTotal\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"ClaimWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRequester\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"NotSettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NothingToUnstake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"OverBudget\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"ReceiptTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"ReceiptWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"availableAfter\",\"type\":\"uint64\"}],\"name\":\"ReclaimTooEarly\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"cap\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"requested\",\"type\":\"uint256\"}],\"name\":\"SlashCapExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeTooEarly\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"JobOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"JobSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bonus\",\"type\":\"uint256\"}],\"name\":\"ReceiptPaid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"closed\",\"type\":\"bool\"}],\"name\":\"Reclaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"active\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unstaked\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"RECEIPT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RESULT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"bondFor\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"burned\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tasks\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"results\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedReceipt[]\",\"name\":\"receipts\",\"type\":\"tuple[]\"}],\"name\":\"claimByReceipts\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structRenderEscrow.Claim[]\",\"name\":\"claims\",\"type\":\"tuple[]\"}],\"name\":\"claimMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"claimWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"convicted\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"jobOf\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"internalType\":\"uint40\",\"name\":\"deadline\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"settledAt\",\"type\":\"uint40\"},{\"internalType\":\"enumRenderEscrow.Status\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint128\",\"name\":\"budget\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"unclaimed\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"held\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"bond\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"slashed\",\"type\":\"uint128\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"internalType\":\"structRenderEscrow.Job\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"leafOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"openJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"paid\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"worker\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tasks\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"results\",\"type\":\"bytes32\"}],\"name\":\"receiptDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"reclaim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reclaimGrace\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"requesterBondBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"}],\"name\":\"resultDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint256\",\"name\":\"task\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"resultHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"internalType\":\"structRenderEscrow.SignedResult\",\"name\":\"result\",\"type\":\"tuple\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"slashCap\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slashCapBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"stakeOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint128\",\"name\":\"active\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"pending\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"internalType\":\"structRenderEscrow.StakeInfo\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstakeDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "RenderEscrow",
	Bin: "0x610220604052348015610010575f5ffd5b506040516131d63803806131d683398101604081905261002f91610294565b6040518060400160405280600c81526020016b52656e646572457363726f7760a01b815250604051806040016040528060018152602001603160f81b81525061007d8261022b60201b60201c565b6101205261008a8161022b565b61014052815160208084019190912060e052815190820120610100524660a05261011660e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b0386166101465760405163d92e233d60e01b815260040160405180910390fd5b6127108261ffff16111561017857604051632438d84b60e11b815261ffff831660048201526024015b60405180910390fd5b6127108161ffff1611156101a557604051637f2c394f60e01b815261ffff8216600482015260240161016f565b836001600160401b0316836001600160401b031610156101eb57604051631f74ee5760e21b81526001600160401b0380861660048301528416602482015260440161016f565b6001600160a01b03909516610160526001600160401b03938416610180529183166101a0529091166101c05261ffff9081166101e052166102005261036c565b5f5f829050601f81511115610255578260405163305a27a960e01b815260040161016f9190610311565b805161026082610346565b179392505050565b80516001600160401b038116811461027e575f5ffd5b919050565b805161ffff8116811461027e575f5ffd5b5f5f5f5f5f5f60c087890312156102a9575f5ffd5b86516001600160a01b03811681146102bf575f5ffd5b95506102cd60208801610268565b94506102db60408801610268565b93506102e960608801610268565b92506102f760808801610283565b915061030560a08801610283565b90509295509295509295565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610366575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516101a0516101c0516101e05161020051612d666104705f395f81816104b20152818161162601526121ed01525f818161040801526105fc01525f81816104d90152818161124e01528181611bad0152611c3101525f81816101da0152818161118a0152818161120e01528181612001015261204301525f818161029601526106b801525f81816105910152818161087001528181610999015281816113aa015281816114bb015281816119640152611a1b01525f611e8a01525f611e5f01525f6123eb01525f6123c301525f61231e01525f61234801525f6123720152612d665ff3fe608060405234801561000f575f5ffd5b50600436106101d1575f3560e01c8063a44678d9116100fe578063e0b91f921161009e578063fa1056b21161006e578063fa1056b214610566578063fa5c4e9914610579578063fc0c546a1461058c578063fd3c4a89146105cb575f5ffd5b8063e0b91f9214610525578063e7979fed14610538578063f61962aa1461054b578063f698da251461055e575f5ffd5b8063b6566d85116100d9578063b6566d8514610470578063b906d290146104ad578063c5d37ae1146104d4578063d76f8e80146104fb575f5ffd5b8063a44678d914610403578063a694fc3a1461043d578063affe000e14610450575f5ffd5b80633daef73e1161017457806384b0196e1161014457806384b0196e1461039b578063956223bd146103b657806395850f59146103c957806396afb365146103f0575f5ffd5b80633daef73e146102b857806342623360146102cb57806373f425611461037f5780637b49143114610388575f5ffd5b806323095721116101af578063230957211461026157806327d718b4146102765780632def6620146102895780633222012f14610291575f5ffd5b80630ed0f4af146101d5578063123f8e9f146102195780631a1686331461024e575b5f5ffd5b6101fc7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160401b0390911681526020015b60405180910390f35b6102407f0a2bd72495c3d375b6433f37917588c3dc00aa22da2a9dfa582e4ce0e77957dd81565b604051908152602001610210565b61024061025c36600461274b565b6105de565b61027461026f36600461274b565b61063b565b005b6102746102843660046127a9565b6107ae565b6102746108a4565b6101fc7f000000000000000000000000000000000000000000000000000000000000000081565b6102746102c63660046127e7565b6109cc565b6103466102d936600461282b565b60408051606080820183525f80835260208084018290529284018190526001600160a01b0394909416845260068252928290208251938401835280546001600160801b038082168652600160801b9091041691840191909152600101546001600160401b03169082015290565b6040805182516001600160801b03908116825260208085015190911690820152918101516001600160401b031690820152606001610210565b61024060025481565b610274610396366004612844565b610c21565b6103a3610fef565b60405161021097969594939291906128d9565b6102406103c436600461296f565b611031565b6102407f097df79cab25cf19c8933a0866e301d488a9e7aa5e97753649e90af2a543946381565b6102746103fe36600461274b565b6110b4565b61042a7f000000000000000000000000000000000000000000000000000000000000000081565b60405161ffff9091168152602001610210565b61027461044b36600461274b565b6113de565b61046361045e36600461274b565b6114ed565b60405161021091906129e5565b61049d61047e366004612ad4565b600560209081525f928352604080842090915290825290205460ff1681565b6040519015158152602001610210565b61042a7f000000000000000000000000000000000000000000000000000000000000000081565b6101fc7f000000000000000000000000000000000000000000000000000000000000000081565b610240610509366004612ad4565b600460209081525f928352604080842090915290825290205481565b61024061053336600461274b565b61161a565b6102746105463660046127a9565b61164c565b610274610559366004612afe565b61169f565b610240611995565b6102406105743660046127e7565b6119a3565b610274610587366004612b3f565b6119f7565b6105b37f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b039091168152602001610210565b6102406105d9366004612b8d565b611a51565b5f818152600360205260408120600101546127109061062b9061ffff7f000000000000000000000000000000000000000000000000000000000000000016906001600160801b0316612bc9565b6106359190612be0565b92915050565b610643611aaa565b805f0361066357604051631f2a200560e01b815260040160405180910390fd5b335f90815260066020526040902080546001600160801b0316808311156106b25760405163936d426d60e01b815233600482015260248101829052604481018490526064015b60405180910390fd5b5f6106dd7f000000000000000000000000000000000000000000000000000000000000000042612bff565b90506106e98483612c1e565b83546001600160801b0319166001600160801b03918216178085558591859160109161071f918591600160801b90910416612c31565b82546101009290920a6001600160801b038181021990931691909216919091021790555060018301805467ffffffffffffffff19166001600160401b03831690811790915560408051868152602081019290925233917f21020437c0e4b58b34bd7ac1f1cef55e7820d1bcd93824ceb273cad96eea704c910160405180910390a25050506107ab611adf565b50565b6107b6611aaa565b5f805b8281101561085c576108488484838181106107d6576107d6612c50565b90506020028101906107e89190612c64565b358585848181106107fb576107fb612c50565b905060200281019061080d9190612c64565b6020013586868581811061082357610823612c50565b90506020028101906108359190612c64565b610843906040810190612c82565b611b09565b6108529083612cc7565b91506001016107b9565b508015610897576108976001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383611e0c565b506108a0611adf565b5050565b6108ac611aaa565b335f90815260066020526040812080549091600160801b9091046001600160801b0316908190036108f2576040516378ec4c2b60e01b81523360048201526024016106a9565b60018201546001600160401b0316421015610937576001820154604051634076506b60e01b81523360048201526001600160401b0390911660248201526044016106a9565b81546001600160801b0316825560018201805467ffffffffffffffff1916905560405181815233907f0f5bb82176feb1b5e747e28471aa92156a04d9f3ab9f45f28e2d704232b93f759060200160405180910390a26109c06001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383611e0c565b50506109ca611adf565b565b6109d4611aaa565b5f83815260036020526040812080549091600160f01b90910460ff1690816003811115610a0357610a036129b1565b03610a245760405163c182b72d60e01b8152600481018690526024016106a9565b81546001600160a01b03163314610a575760405163ada9265360e01b8152600481018690523360248201526044016106a9565b6002816003811115610a6b57610a6b6129b1565b03610a8c576040516358cb522560e11b8152600481018690526024016106a9565b6003816003811115610aa057610aa06129b1565b03610ac1576040516343e3664160e11b8152600481018690526024016106a9565b8154600160a01b900464ffffffffff16421115610b0a578154604051637fa0676960e01b815260048101879052600160a01b90910464ffffffffff1660248201526044016106a9565b60018201546001600160801b031680841115610b4d5760405160016222bf4760e21b031981526004810187905260248101859052604481018290526064016106a9565b825465ffffffffffff60c81b1916600160c81b4264ffffffffff160217600160f11b1783556001830180546001600160801b03908116600160801b91871691909102179055610b9c8482612c1e565b6002840180546001600160801b0319166001600160801b039290921691909117905560048301859055857fc77ac37457af23a4f815d9aab22c23d87c9a2b7426f35a58fcd0431a894e7cb68686610bf38186612c1e565b6040805193845260208401929092529082015260600160405180910390a2505050610c1c611adf565b505050565b610c29611aaa565b5f858152600360205260408120908154600160f01b900460ff166003811115610c5457610c546129b1565b03610c755760405163c182b72d60e01b8152600481018790526024016106a9565b80546001600160a01b03163314610ca85760405163ada9265360e01b8152600481018790523360248201526044016106a9565b8054600160a01b900464ffffffffff16421115610cf1578054604051637fa0676960e01b815260048101889052600160a01b90910464ffffffffff1660248201526044016106a9565b835f03610d1157604051631f2a200560e01b815260040160405180910390fd5b5f8681526005602090815260408083206001600160a01b038916845290915290205460ff1615610d66576040516358f88aad60e01b8152600481018790526001600160a01b03861660248201526044016106a9565b5f610d8c610d7a88863560208801356119a3565b610d876040870187612cda565b611e41565b9050856001600160a01b0316816001600160a01b0316141580610db657506001600160a01b038616155b15610dee576040516325b8703960e21b8152600481018890526001600160a01b038088166024830152821660448201526064016106a9565b5f610df8886105de565b60038401549091505f90610e169088906001600160801b0316612cc7565b905081811115610e4a576040516301f12f2760e71b8152600481018a905260248101839052604481018290526064016106a9565b6001600160a01b0388165f908152600660205260408120805490916001600160801b0380831692610e8491600160801b9091041683612cc7565b9050808a1115610ec05760405163936d426d60e01b81526001600160a01b038c16600482015260248101829052604481018b90526064016106a9565b5f8c81526005602090815260408083206001600160a01b038f1684529091529020805460ff191660011790556003870180546001600160801b0386166001600160801b0319909116179055818a11610f3c57610f1c8a83612c1e565b83546001600160801b0319166001600160801b0391909116178355610f6d565b82546001600160801b0319168355610f548a82612c1e565b83546001600160801b03918216600160801b0291161783555b8960025f828254610f7e9190612cc7565b9091555050604080518b815260208082018b90528b35828401528b0135606082015290516001600160a01b038d16918e917f4111b975cc068073b2a90e6b233d15b46a2f625f70d21ebdfee89f902b98bc0e9181900360800190a350505050505050610fe8611adf565b5050505050565b5f6060805f5f5f6060611000611e58565b611008611e83565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b604080517f097df79cab25cf19c8933a0866e301d488a9e7aa5e97753649e90af2a543946360208201529081018690526001600160a01b03851660608201526080810184905260a0810183905260c081018290525f906110aa9060e0015b60405160208183030381529060405280519060200120611eae565b9695505050505050565b6110bc611aaa565b5f81815260036020526040812080549091600160f01b90910460ff16908160038111156110eb576110eb6129b1565b0361110c5760405163c182b72d60e01b8152600481018490526024016106a9565b6003816003811115611120576111206129b1565b03611141576040516343e3664160e11b8152600481018490526024016106a9565b60028201545f90611164906001600160801b03600160801b820481169116612cc7565b90505f600183600381111561117b5761117b6129b1565b036112045783545f906111bd907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900464ffffffffff16612bff565b9050806001600160401b031642116111fa5760405163208a6adf60e11b8152600481018790526001600160401b03821660248201526044016106a9565b6001915050611316565b83545f90611241907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16612bff565b85549091505f90611281907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16612bff565b9050806001600160401b03164211156112be5760018601546112b390600160801b90046001600160801b031685612cc7565b935060019250611313565b816001600160401b0316421115806112d4575083155b15611313578684156112e657826112e8565b815b60405163208a6adf60e11b815260048101929092526001600160401b031660248201526044016106a9565b50505b83545f60028601556001600160a01b0316811561135057845460ff60f01b1916600360f01b1785556001850180546001600160801b031690555b6040805184815283151560208201526001600160a01b0383169188917f52c21b90c6f5706647f65a7fee375b5247681986f3aeac968e975e269fb4a5c7910160405180910390a382156113d1576113d16001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168285611e0c565b50505050506107ab611adf565b6113e6611aaa565b805f0361140657604051631f2a200560e01b815260040160405180910390fd5b335f908152600660205260408120805490919061142d9084906001600160801b0316612cc7565b90506001600160801b0381111561145a576040516304041d9560e11b8152600481018490526024016106a9565b81546001600160801b0319166001600160801b038216178255604080518481526020810183905233917f1449c6dd7851abc30abf37f57715f492010519147cc2652fbc38202c18a6ee90910160405180910390a26114e36001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016333086611eda565b50506107ab611adf565b60408051610140810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e0810182905261010081018290526101208101919091525f8281526003602081815260409283902083516101408101855281546001600160a01b038116825264ffffffffff600160a01b8204811694830194909452600160c81b81049093169481019490945291606084019160ff600160f01b90910416908111156115ad576115ad6129b1565b60038111156115be576115be6129b1565b815260018201546001600160801b038082166020840152600160801b918290048116604084015260028401548082166060850152919091048116608083015260038301541660a082015260049091015460c09091015292915050565b5f61271061062b61ffff7f00000000000000000000000000000000000000000000000000000000000000001684612bc9565b611654611aaa565b5f805b8281101561085c5761168b84848381811061167457611674612c50565b90506020028101906116869190612d1c565b611f10565b6116959083612cc7565b9150600101611657565b6116a7611aaa565b5f838152600360208190526040822054600160f01b900460ff16908111156116d1576116d16129b1565b146116f257604051639e2b4bfd60e01b8152600481018490526024016106a9565b815f0361171257604051631f2a200560e01b815260040160405180910390fd5b6001600160801b0382111561173d576040516304041d9560e11b8152600481018390526024016106a9565b42816001600160401b0316111580611762575064ffffffffff6001600160401b038216115b156117915760405163810be31560e01b81526001600160401b03821660048201524260248201526044016106a9565b5f61179b8361161a565b604080516101408101825233815264ffffffffff85811660208084019182525f8486018181526001606087019081526001600160801b038c81166080890181905260a0890185905260c0890152891660e0880152610100870183905261012087018390528c83526003938490529690912085518154945192518616600160c81b0264ffffffffff60c81b1993909616600160a01b026001600160c81b03199095166001600160a01b039091161793909317908116841783559451959650929490939092849260ff60f01b191665ffffffffffff60c81b199092169190911790600160f01b908490811115611891576118916129b1565b0217905550608082015160a08301516001600160801b03918216600160801b918316820217600184015560c084015160e08501519083169083169091021760028301556101008301516003830180546001600160801b0319169190921617905561012090910151600490910155604080518481526001600160401b0384166020820152908101829052339085907f1f7cddf2101edb94c86d2219c722fcb33cd7f75b564374900e0e6c91fd8ad7af9060600160405180910390a361198c333061195a8487612cc7565b6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016929190611eda565b50610c1c611adf565b5f61199e612312565b905090565b604080517f0a2bd72495c3d375b6433f37917588c3dc00aa22da2a9dfa582e4ce0e77957dd602082015290810184905260608101839052608081018290525f906119ef9060a00161108f565b949350505050565b6119ff611aaa565b5f611a0c85858585611b09565b9050611a426001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383611e0c565b50611a4b611adf565b50505050565b604080516001600160a01b03841660208201529081018290525f9060600160408051601f198184030181528282528051602091820120908301520160405160208183030381529060405280519060200120905092915050565b611ab261243b565b6109ca60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b9061247b565b6109ca5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611ad9565b5f8481526003602052604081208054600160f01b900460ff166002816003811115611b3657611b366129b1565b14611c27575f816003811115611b4e57611b4e6129b1565b03611b6f5760405163c182b72d60e01b8152600481018890526024016106a9565b6003816003811115611b8357611b836129b1565b148015611b9e57508154600160c81b900464ffffffffff1615155b15611c0b5781548790611be0907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16612bff565b60405163083f703960e11b815260048101929092526001600160401b031660248201526044016106a9565b604051631d46cb0560e01b8152600481018890526024016106a9565b81545f90611c64907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16612bff565b9050806001600160401b0316421115611ca25760405163083f703960e11b8152600481018990526001600160401b03821660248201526044016106a9565b5f888152600460209081526040808320338452909152902054808811611ce45760405163546511c760e11b8152600481018a90523360248201526044016106a9565b611cfd87878660040154611cf8338d611a51565b612482565b611d2a5760405163e41a1ecf60e01b8152600481018a9052336024820152604481018990526064016106a9565b611d348189612c1e565b6001850154909550600160801b90046001600160801b031680861115611d7d5760405162a378ab60e31b8152600481018b905260248101879052604481018290526064016106a9565b5f8a81526004602090815260408083203384529091529020899055611da28682612c1e565b6001860180546001600160801b03928316600160801b02921691909117905560405133908b907f0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f90611df7908a815260200190565b60405180910390a35050505050949350505050565b611e198383836001612499565b610c1c57604051635274afe760e01b81526001600160a01b03841660048201526024016106a9565b5f611e4d8484846124fb565b509095945050505050565b606061199e7f0000000000000000000000000000000000000000000000000000000000000000612542565b606061199e7f0000000000000000000000000000000000000000000000000000000000000000612542565b5f610635611eba612312565b8360405161190160f01b8152600281019290925260228201526042902090565b611ee884848484600161257f565b611a4b57604051635274afe760e01b81526001600160a01b03851660048201526024016106a9565b80355f8181526003602052604081208054919291600160f01b900460ff1683816003811115611f4157611f416129b1565b03611f625760405163c182b72d60e01b8152600481018490526024016106a9565b6003816003811115611f7657611f766129b1565b03611f97576040516343e3664160e11b8152600481018490526024016106a9565b5f6001826003811115611fac57611fac6129b1565b0361203b578254600160a01b900464ffffffffff164211611ff957825460405163ac5a12e160e01b815260048101869052600160a01b90910464ffffffffff1660248201526044016106a9565b8254612034907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900464ffffffffff16612bff565b9050612079565b8254612076907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16612bff565b90505b806001600160401b03164211156120b55760405163766bc71360e01b8152600481018590526001600160401b03821660248201526044016106a9565b5f6120df6120d286338a602001358b604001358c60600135611031565b610d8760808a018a612cda565b84549091506001600160a01b03808316911614612127576040516328a54a2d60e11b8152600481018690523360248201526001600160a01b03821660448201526064016106a9565b5f85815260046020908152604080832033845282529091205490880135811061216c5760405163546511c760e11b8152600481018790523360248201526044016106a9565b5f61217b8260208b0135612c1e565b60028701549091506001600160801b03165f81831061219a578161219c565b825b9050805f036121c85760405163bee974df60e01b8152600481018a9052602481018490526044016106a9565b5f60018860038111156121dd576121dd6129b1565b0361226c5761271061221361ffff7f00000000000000000000000000000000000000000000000000000000000000001684612bc9565b61221d9190612be0565b60028a0154909150600160801b90046001600160801b031680821115612241578091505b61224b8282612c1e565b60028b0180546001600160801b03928316600160801b029216919091179055505b6122768286612cc7565b5f8b81526004602090815260408083203384529091529020556122998284612c1e565b60028a0180546001600160801b0319166001600160801b0392909216919091179055604080518381526020810183905233918c917f99c7630d148678da3a9a6153c88ff0a3bbfd416c3704b20f300c47097cec19c6910160405180910390a36123028183612cc7565b9c9b505050505050505050505050565b5f306001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614801561236a57507f000000000000000000000000000000000000000000000000000000000000000046145b1561239457507f000000000000000000000000000000000000000000000000000000000000000090565b61199e604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c156109ca57604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f8261248f8686856125ec565b1495945050505050565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f511483166124ef5783831516156124e3573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f8080604184900361252f578435602086013560408701355f1a6125218982858561262d565b955095509550505050612539565b505f915060029050825b93509350939050565b60605f61254e836126f5565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166125db5783831516156125cf573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f81815b848110156126245761261a8287878481811061260e5761260e612c50565b9050602002013561271c565b91506001016125f0565b50949350505050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a084111561266657505f915060039050826126eb565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa1580156126b7573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b0381166126e257505f9250600191508290506126eb565b92505f91508190505b9450945094915050565b5f60ff8216601f81111561063557604051632cd44ac360e21b815260040160405180910390fd5b5f818310612736575f828152602084905260409020612744565b5f8381526020839052604090205b9392505050565b5f6020828403121561275b575f5ffd5b5035919050565b5f5f83601f840112612772575f5ffd5b5081356001600160401b03811115612788575f5ffd5b6020830191508360208260051b85010111156127a2575f5ffd5b9250929050565b5f5f602083850312156127ba575f5ffd5b82356001600160401b038111156127cf575f5ffd5b6127db85828601612762565b90969095509350505050565b5f5f5f606084860312156127f9575f5ffd5b505081359360208301359350604090920135919050565b80356001600160a01b0381168114612826575f5ffd5b919050565b5f6020828403121561283b575f5ffd5b61274482612810565b5f5f5f5f5f60a08688031215612858575f5ffd5b8535945061286860208701612810565b93506040860135925060608601356001600160401b03811115612889575f5ffd5b86016060818903121561289a575f5ffd5b949793965091946080013592915050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f6128f760e08301896128ab565b828103604084015261290981896128ab565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b8181101561295e578351835260209384019390920191600101612940565b50909b9a5050505050505050505050565b5f5f5f5f5f60a08688031215612983575f5ffd5b8535945061299360208701612810565b94979496505050506040830135926060810135926080909101359150565b634e487b7160e01b5f52602160045260245ffd5b600481106129e157634e487b7160e01b5f52602160045260245ffd5b9052565b81516001600160a01b0316815261014081016020830151612a0f602084018264ffffffffff169052565b506040830151612a28604084018264ffffffffff169052565b506060830151612a3b60608401826129c5565b506080830151612a5660808401826001600160801b03169052565b5060a0830151612a7160a08401826001600160801b03169052565b5060c0830151612a8c60c08401826001600160801b03169052565b5060e0830151612aa760e08401826001600160801b03169052565b50610100830151612ac46101008401826001600160801b03169052565b5061012092830151919092015290565b5f5f60408385031215612ae5575f5ffd5b82359150612af560208401612810565b90509250929050565b5f5f5f60608486031215612b10575f5ffd5b833592506020840135915060408401356001600160401b0381168114612b34575f5ffd5b809150509250925092565b5f5f5f5f60608587031215612b52575f5ffd5b843593506020850135925060408501356001600160401b03811115612b75575f5ffd5b612b8187828801612762565b95989497509550505050565b5f5f60408385031215612b9e575f5ffd5b612ba783612810565b946020939093013593505050565b634e487b7160e01b5f52601160045260245ffd5b808202811582820484141761063557610635612bb5565b5f82612bfa57634e487b7160e01b5f52601260045260245ffd5b500490565b6001600160401b03818116838216019081111561063557610635612bb5565b8181038181111561063557610635612bb5565b6001600160801b03818116838216019081111561063557610635612bb5565b634e487b7160e01b5f52603260045260245ffd5b5f8235605e19833603018112612c78575f5ffd5b9190910192915050565b5f5f8335601e19843603018112612c97575f5ffd5b8301803591506001600160401b03821115612cb0575f5ffd5b6020019150600581901b36038213156127a2575f5ffd5b8082018082111561063557610635612bb5565b5f5f8335601e19843603018112612cef575f5ffd5b8301803591506001600160401b03821115612d08575f5ffd5b6020019150368190038213156127a2575f5ffd5b5f8235609e19833603018112612c78575f5ffdfea2646970667358221220f44bd9aee5e134c165a37dc0f1891d4f0e07bcd72338ec683d132ed0fdc94bba64736f6c63430008250033",
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
// Solidity: constructor(address token_, uint64 unstakeDelay_, uint64 reclaimGrace_, uint64 claimWindow_, uint16 slashCapBps_, uint16 requesterBondBps_) returns()
func (renderEscrow *RenderEscrow) PackConstructor(token_ common.Address, unstakeDelay_ uint64, reclaimGrace_ uint64, claimWindow_ uint64, slashCapBps_ uint16, requesterBondBps_ uint16) []byte {
	enc, err := renderEscrow.abi.Pack("", token_, unstakeDelay_, reclaimGrace_, claimWindow_, slashCapBps_, requesterBondBps_)
	if err != nil {
		panic(err)
	}
	return enc
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

// PackConvicted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6566d85.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function convicted(bytes32 jobId, address node) view returns(bool)
func (renderEscrow *RenderEscrow) PackConvicted(jobId [32]byte, node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("convicted", jobId, node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackConvicted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb6566d85.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function convicted(bytes32 jobId, address node) view returns(bool)
func (renderEscrow *RenderEscrow) TryPackConvicted(jobId [32]byte, node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("convicted", jobId, node)
}

// UnpackConvicted is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb6566d85.
//
// Solidity: function convicted(bytes32 jobId, address node) view returns(bool)
func (renderEscrow *RenderEscrow) UnpackConvicted(data []byte) (bool, error) {
	out, err := renderEscrow.abi.Unpack("convicted", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
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
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadBond"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadBondError(raw[4:])
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
