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
	Slashed   *big.Int
	Root      [32]byte
}

// RenderEscrowStakeInfo is an auto generated low-level Go binding around an user-defined struct.
type RenderEscrowStakeInfo struct {
	Active   *big.Int
	Pending  *big.Int
	UnlockAt uint64
}

// RenderEscrowMetaData contains all meta data concerning the RenderEscrow contract.
var RenderEscrowMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unstakeDelay_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"reclaimGrace_\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"claimWindow_\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"slashCapBps_\",\"type\":\"uint16\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"AlreadyClaimed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"AlreadySettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"AmountTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"BadDeadline\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"BadProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadSlashCap\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"unclaimed\",\"type\":\"uint256\"}],\"name\":\"ClaimExceedsTotal\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"closedAt\",\"type\":\"uint64\"}],\"name\":\"ClaimWindowClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"stake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotRequester\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"NotSettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"NothingToUnstake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"}],\"name\":\"OverBudget\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint64\",\"name\":\"availableAfter\",\"type\":\"uint64\"}],\"name\":\"ReclaimTooEarly\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"cap\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"requested\",\"type\":\"uint256\"}],\"name\":\"SlashCapExceeded\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeTooEarly\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"JobOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refund\",\"type\":\"uint256\"}],\"name\":\"JobSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"settled\",\"type\":\"bool\"}],\"name\":\"Reclaimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"active\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnstakeRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unstaked\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"claim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structRenderEscrow.Claim[]\",\"name\":\"claims\",\"type\":\"tuple[]\"}],\"name\":\"claimMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"claimWindow\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"claimed\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"jobOf\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"requester\",\"type\":\"address\"},{\"internalType\":\"uint40\",\"name\":\"deadline\",\"type\":\"uint40\"},{\"internalType\":\"uint40\",\"name\":\"settledAt\",\"type\":\"uint40\"},{\"internalType\":\"enumRenderEscrow.Status\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint128\",\"name\":\"budget\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"unclaimed\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"slashed\",\"type\":\"uint128\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"internalType\":\"structRenderEscrow.Job\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"leafOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"budget\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"openJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"reclaim\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reclaimGrace\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"slashCap\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slashCapBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"node\",\"type\":\"address\"}],\"name\":\"stakeOf\",\"outputs\":[{\"components\":[{\"internalType\":\"uint128\",\"name\":\"active\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"pending\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"internalType\":\"structRenderEscrow.StakeInfo\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unstakeDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "RenderEscrow",
	Bin: "0x610120604052348015610010575f5ffd5b506040516120ab3803806120ab83398101604081905261002f916100d5565b6001600160a01b0385166100565760405163d92e233d60e01b815260040160405180910390fd5b6127108161ffff16111561008757604051632438d84b60e11b815261ffff8216600482015260240160405180910390fd5b6001600160a01b039094166080526001600160401b0392831660a05290821660c0521660e05261ffff166101005261014d565b80516001600160401b03811681146100d0575f5ffd5b919050565b5f5f5f5f5f60a086880312156100e9575f5ffd5b85516001600160a01b03811681146100ff575f5ffd5b945061010d602087016100ba565b935061011b604087016100ba565b9250610129606087016100ba565b9150608086015161ffff8116811461013f575f5ffd5b809150509295509295909350565b60805160a05160c05160e05161010051611ebf6101ec5f395f81816102ce015261043001525f818161033b01528181610e6601528181611617015261169b01525f81816101250152610e1401525f81816101ba01526104ec01525f81816103c5015281816106cc015281816107f501528181610a5a01528181610d2801528181610f7c0152818161108d01528181611435015261148c0152611ebf5ff3fe608060405234801561000f575f5ffd5b506004361061011c575f3560e01c806396afb365116100a9578063dfcae6221161006e578063dfcae6221461035d578063f61962aa1461039a578063fa5c4e99146103ad578063fc0c546a146103c0578063fd3c4a89146103ff575f5ffd5b806396afb365146102b6578063a44678d9146102c9578063a694fc3a14610303578063affe000e14610316578063c5d37ae114610336575f5ffd5b80632def6620116100ef5780632def6620146101ad5780633222012f146101b55780633daef73e146101dc57806342623360146101ef5780634c653727146102a3575f5ffd5b80630ed0f4af146101205780631a16863314610164578063230957211461018557806327d718b41461019a575b5f5ffd5b6101477f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160401b0390911681526020015b60405180910390f35b610177610172366004611a78565b610412565b60405190815260200161015b565b610198610193366004611a78565b61046f565b005b6101986101a8366004611ad6565b6105e2565b610198610700565b6101477f000000000000000000000000000000000000000000000000000000000000000081565b6101986101ea366004611b14565b610828565b61026a6101fd366004611b58565b60408051606080820183525f80835260208084018290529284018190526001600160a01b0394909416845260028252928290208251938401835280546001600160801b038082168652600160801b9091041691840191909152600101546001600160401b03169082015290565b6040805182516001600160801b03908116825260208085015190911690820152918101516001600160401b03169082015260600161015b565b6101986102b1366004611b71565b610a93565b6101986102c4366004611a78565b610d64565b6102f07f000000000000000000000000000000000000000000000000000000000000000081565b60405161ffff909116815260200161015b565b610198610311366004611a78565b610fb0565b610329610324366004611a78565b6110bf565b60405161015b9190611bdb565b6101477f000000000000000000000000000000000000000000000000000000000000000081565b61038a61036b366004611c83565b600160209081525f928352604080842090915290825290205460ff1681565b604051901515815260200161015b565b6101986103a8366004611cad565b6111c2565b6101986103bb366004611cee565b611465565b6103e77f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b03909116815260200161015b565b61017761040d366004611d3c565b6114bb565b5f818152602081905260408120600101546127109061045f9061ffff7f000000000000000000000000000000000000000000000000000000000000000016906001600160801b0316611d78565b6104699190611d8f565b92915050565b610477611514565b805f0361049757604051631f2a200560e01b815260040160405180910390fd5b335f90815260026020526040902080546001600160801b0316808311156104e65760405163936d426d60e01b815233600482015260248101829052604481018490526064015b60405180910390fd5b5f6105117f000000000000000000000000000000000000000000000000000000000000000042611dae565b905061051d8483611dcd565b83546001600160801b0319166001600160801b039182161780855585918591601091610553918591600160801b90910416611de0565b82546101009290920a6001600160801b038181021990931691909216919091021790555060018301805467ffffffffffffffff19166001600160401b03831690811790915560408051868152602081019290925233917f21020437c0e4b58b34bd7ac1f1cef55e7820d1bcd93824ceb273cad96eea704c910160405180910390a25050506105df611549565b50565b6105ea611514565b5f805b828110156106b85761067c84848381811061060a5761060a611dff565b905060200281019061061c9190611e13565b3585858481811061062f5761062f611dff565b90506020028101906106419190611e13565b6020013586868581811061065757610657611dff565b90506020028101906106699190611e13565b610677906040810190611e31565b611573565b83838281811061068e5761068e611dff565b90506020028101906106a09190611e13565b6106ae906020013583611e76565b91506001016105ed565b5080156106f3576106f36001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383611870565b506106fc611549565b5050565b610708611514565b335f90815260026020526040812080549091600160801b9091046001600160801b03169081900361074e576040516378ec4c2b60e01b81523360048201526024016104dd565b60018201546001600160401b0316421015610793576001820154604051634076506b60e01b81523360048201526001600160401b0390911660248201526044016104dd565b81546001600160801b0316825560018201805467ffffffffffffffff1916905560405181815233907f0f5bb82176feb1b5e747e28471aa92156a04d9f3ab9f45f28e2d704232b93f759060200160405180910390a261081c6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383611870565b5050610826611549565b565b610830611514565b5f83815260208190526040812080549091600160f01b90910460ff169081600381111561085f5761085f611ba7565b036108805760405163c182b72d60e01b8152600481018690526024016104dd565b81546001600160a01b03163381146108b45760405163ada9265360e01b8152600481018790523360248201526044016104dd565b60028260038111156108c8576108c8611ba7565b036108e9576040516358cb522560e11b8152600481018790526024016104dd565b60038260038111156108fd576108fd611ba7565b0361091e576040516343e3664160e11b8152600481018790526024016104dd565b8254600160a01b900464ffffffffff16421115610967578254604051637fa0676960e01b815260048101889052600160a01b90910464ffffffffff1660248201526044016104dd565b60018301546001600160801b0316808511156109aa5760405160016222bf4760e21b031981526004810188905260248101869052604481018290526064016104dd565b835465ffffffffffff60c81b1916600160c81b4264ffffffffff160217600160f11b1784556001840180546001600160801b03908116600160801b91881691909102179055600384018690555f610a018683611dcd565b604080518981526020810189905290810182905290915088907fc77ac37457af23a4f815d9aab22c23d87c9a2b7426f35a58fcd0431a894e7cb69060600160405180910390a28015610a8157610a816001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168483611870565b5050505050610a8e611549565b505050565b610a9b611514565b5f828152602081905260408120908154600160f01b900460ff166003811115610ac657610ac6611ba7565b03610ae75760405163c182b72d60e01b8152600481018490526024016104dd565b80546001600160a01b0316338114610b1b5760405163ada9265360e01b8152600481018590523360248201526044016104dd565b8154600160a01b900464ffffffffff16421115610b64578154604051637fa0676960e01b815260048101869052600160a01b90910464ffffffffff1660248201526044016104dd565b845f03610b8457604051631f2a200560e01b815260040160405180910390fd5b5f610b8e85610412565b60028401549091505f90610bac9088906001600160801b0316611e76565b905081811115610be0576040516301f12f2760e71b81526004810187905260248101839052604481018290526064016104dd565b6001600160a01b0388165f908152600260205260408120805490916001600160801b0380831692610c1a91600160801b9091041683611e76565b9050808a1115610c565760405163936d426d60e01b81526001600160a01b038c16600482015260248101829052604481018b90526064016104dd565b6002870180546001600160801b0319166001600160801b038616179055818a11610ca457610c848a83611dcd565b83546001600160801b0319166001600160801b0391909116178355610cd5565b82546001600160801b0319168355610cbc8a82611dcd565b83546001600160801b03918216600160801b0291161783555b604080518b8152602081018a90526001600160a01b038d16918b917fb1639db3f2fdbd6044eae5c2d163a2aa0bd30b4f2c6d81550b586fb5896bad87910160405180910390a3610d4f6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016878c611870565b50505050505050610d5e611549565b50505050565b610d6c611514565b5f81815260208190526040812080549091600160f01b90910460ff16908080836003811115610d9d57610d9d611ba7565b03610dbe5760405163c182b72d60e01b8152600481018690526024016104dd565b6003836003811115610dd257610dd2611ba7565b03610df3576040516343e3664160e11b8152600481018690526024016104dd565b6001836003811115610e0757610e07611ba7565b03610e5e578354610e47907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900464ffffffffff16611dae565b60018501546001600160801b031692509050610eb3565b8354610e99907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16611dae565b6001850154600160801b90046001600160801b0316925090505b806001600160401b03164211610eee5760405163208a6adf60e11b8152600481018690526001600160401b03821660248201526044016104dd565b8354600360f01b60ff60f01b1982161785556001850180546001600160801b031690556001600160a01b031680867f52c21b90c6f5706647f65a7fee375b5247681986f3aeac968e975e269fb4a5c7856002886003811115610f5257610f52611ba7565b60408051938452911460208301520160405180910390a38215610fa357610fa36001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168285611870565b50505050506105df611549565b610fb8611514565b805f03610fd857604051631f2a200560e01b815260040160405180910390fd5b335f9081526002602052604081208054909190610fff9084906001600160801b0316611e76565b90506001600160801b0381111561102c576040516304041d9560e11b8152600481018490526024016104dd565b81546001600160801b0319166001600160801b038216178255604080518481526020810183905233917f1449c6dd7851abc30abf37f57715f492010519147cc2652fbc38202c18a6ee90910160405180910390a26110b56001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163330866118a5565b50506105df611549565b60408051610100810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101919091525f828152602081815260409182902082516101008101845281546001600160a01b038116825264ffffffffff600160a01b8204811694830194909452600160c81b81049093169381019390935290606083019060ff600160f01b90910416600381111561116e5761116e611ba7565b600381111561117f5761117f611ba7565b815260018201546001600160801b038082166020840152600160801b90910481166040830152600283015416606082015260039091015460809091015292915050565b6111ca611514565b5f5f84815260208190526040902054600160f01b900460ff1660038111156111f4576111f4611ba7565b1461121557604051639e2b4bfd60e01b8152600481018490526024016104dd565b815f0361123557604051631f2a200560e01b815260040160405180910390fd5b6001600160801b03821115611260576040516304041d9560e11b8152600481018390526024016104dd565b42816001600160401b0316111580611285575064ffffffffff6001600160401b038216115b156112b45760405163810be31560e01b81526001600160401b03821660048201524260248201526044016104dd565b604080516101008101825233815264ffffffffff83811660208084019182525f8486018181526001606087019081526001600160801b038a16608088015260a0870183905260c0870183905260e087018390528a83529282905295902084518154935196518516600160c81b0264ffffffffff60c81b1997909516600160a01b026001600160c81b03199094166001600160a01b03909116179290921794851683178255519293909291839160ff60f01b1990911665ffffffffffff60c81b1990911617600160f01b83600381111561138f5761138f611ba7565b0217905550608082015160a08301516001600160801b03918216600160801b9183169190910217600183015560c08301516002830180546001600160801b0319169190921617905560e090910151600390910155604080518381526001600160401b0383166020820152339185917fb8e9ac5c6dfd23cf7bd3b011ee5c0b8d153bf78e5f06691fa54e7a4f600a179a910160405180910390a361145d6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163330856118a5565b610a8e611549565b61146d611514565b61147984848484611573565b82156114b3576114b36001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163385611870565b610d5e611549565b604080516001600160a01b03841660208201529081018290525f9060600160408051601f198184030181528282528051602091820120908301520160405160208183030381529060405280519060200120905092915050565b61151c6118db565b61082660017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b9061191b565b6108265f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611543565b5f8481526020819052604090208054600160f01b900460ff1660028160038111156115a0576115a0611ba7565b14611691575f8160038111156115b8576115b8611ba7565b036115d95760405163c182b72d60e01b8152600481018790526024016104dd565b60038160038111156115ed576115ed611ba7565b14801561160857508154600160c81b900464ffffffffff1615155b15611675578154869061164a907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16611dae565b60405163083f703960e11b815260048101929092526001600160401b031660248201526044016104dd565b604051631d46cb0560e01b8152600481018790526024016104dd565b81545f906116ce907f000000000000000000000000000000000000000000000000000000000000000090600160c81b900464ffffffffff16611dae565b9050806001600160401b031642111561170c5760405163083f703960e11b8152600481018890526001600160401b03821660248201526044016104dd565b5f87815260016020908152604080832033845290915290205460ff161561174f5760405163546511c760e11b8152600481018890523360248201526044016104dd565b61176885858560030154611763338b6114bb565b611922565b6117955760405163e41a1ecf60e01b815260048101889052336024820152604481018790526064016104dd565b6001830154600160801b90046001600160801b0316808711156117db5760405162a378ab60e31b81526004810189905260248101889052604481018290526064016104dd565b5f888152600160208181526040808420338552909152909120805460ff191690911790556118098782611dcd565b6001850180546001600160801b03928316600160801b029216919091179055604051339089907f0508a8b4117d9a7b3d8f5895f6413e61b4f9a2df35afbfb41e78d0ecfff1843f9061185e908b815260200190565b60405180910390a35050505050505050565b61187d8383836001611939565b610a8e57604051635274afe760e01b81526001600160a01b03841660048201526024016104dd565b6118b384848484600161199b565b610d5e57604051635274afe760e01b81526001600160a01b03851660048201526024016104dd565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c1561082657604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f8261192f868685611a08565b1495945050505050565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f5114831661198f578383151615611983573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166119f75783831516156119eb573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f81815b84811015611a4057611a3682878784818110611a2a57611a2a611dff565b90506020020135611a49565b9150600101611a0c565b50949350505050565b5f818310611a63575f828152602084905260409020611a71565b5f8381526020839052604090205b9392505050565b5f60208284031215611a88575f5ffd5b5035919050565b5f5f83601f840112611a9f575f5ffd5b5081356001600160401b03811115611ab5575f5ffd5b6020830191508360208260051b8501011115611acf575f5ffd5b9250929050565b5f5f60208385031215611ae7575f5ffd5b82356001600160401b03811115611afc575f5ffd5b611b0885828601611a8f565b90969095509350505050565b5f5f5f60608486031215611b26575f5ffd5b505081359360208301359350604090920135919050565b80356001600160a01b0381168114611b53575f5ffd5b919050565b5f60208284031215611b68575f5ffd5b611a7182611b3d565b5f5f5f5f60808587031215611b84575f5ffd5b611b8d85611b3d565b966020860135965060408601359560600135945092505050565b634e487b7160e01b5f52602160045260245ffd5b60048110611bd757634e487b7160e01b5f52602160045260245ffd5b9052565b5f6101008201905060018060a01b03835116825264ffffffffff602084015116602083015264ffffffffff60408401511660408301526060830151611c236060840182611bbb565b506080830151611c3e60808401826001600160801b03169052565b5060a0830151611c5960a08401826001600160801b03169052565b5060c0830151611c7460c08401826001600160801b03169052565b5060e092830151919092015290565b5f5f60408385031215611c94575f5ffd5b82359150611ca460208401611b3d565b90509250929050565b5f5f5f60608486031215611cbf575f5ffd5b833592506020840135915060408401356001600160401b0381168114611ce3575f5ffd5b809150509250925092565b5f5f5f5f60608587031215611d01575f5ffd5b843593506020850135925060408501356001600160401b03811115611d24575f5ffd5b611d3087828801611a8f565b95989497509550505050565b5f5f60408385031215611d4d575f5ffd5b611d5683611b3d565b946020939093013593505050565b634e487b7160e01b5f52601160045260245ffd5b808202811582820484141761046957610469611d64565b5f82611da957634e487b7160e01b5f52601260045260245ffd5b500490565b6001600160401b03818116838216019081111561046957610469611d64565b8181038181111561046957610469611d64565b6001600160801b03818116838216019081111561046957610469611d64565b634e487b7160e01b5f52603260045260245ffd5b5f8235605e19833603018112611e27575f5ffd5b9190910192915050565b5f5f8335601e19843603018112611e46575f5ffd5b8301803591506001600160401b03821115611e5f575f5ffd5b6020019150600581901b3603821315611acf575f5ffd5b8082018082111561046957610469611d6456fea26469706673582212206a2cc6f73b2f64ab469e943d3359fc8d672ee1c6bb407e18ace7f53c77b0ff2564736f6c63430008250033",
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
// Solidity: constructor(address token_, uint64 unstakeDelay_, uint64 reclaimGrace_, uint64 claimWindow_, uint16 slashCapBps_) returns()
func (renderEscrow *RenderEscrow) PackConstructor(token_ common.Address, unstakeDelay_ uint64, reclaimGrace_ uint64, claimWindow_ uint64, slashCapBps_ uint16) []byte {
	enc, err := renderEscrow.abi.Pack("", token_, unstakeDelay_, reclaimGrace_, claimWindow_, slashCapBps_)
	if err != nil {
		panic(err)
	}
	return enc
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

// PackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdfcae622.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimed(bytes32 jobId, address node) view returns(bool)
func (renderEscrow *RenderEscrow) PackClaimed(jobId [32]byte, node common.Address) []byte {
	enc, err := renderEscrow.abi.Pack("claimed", jobId, node)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdfcae622.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimed(bytes32 jobId, address node) view returns(bool)
func (renderEscrow *RenderEscrow) TryPackClaimed(jobId [32]byte, node common.Address) ([]byte, error) {
	return renderEscrow.abi.Pack("claimed", jobId, node)
}

// UnpackClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdfcae622.
//
// Solidity: function claimed(bytes32 jobId, address node) view returns(bool)
func (renderEscrow *RenderEscrow) UnpackClaimed(data []byte) (bool, error) {
	out, err := renderEscrow.abi.Unpack("claimed", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackJobOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaffe000e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,bytes32))
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
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,bytes32))
func (renderEscrow *RenderEscrow) TryPackJobOf(jobId [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("jobOf", jobId)
}

// UnpackJobOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xaffe000e.
//
// Solidity: function jobOf(bytes32 jobId) view returns((address,uint40,uint40,uint8,uint128,uint128,uint128,bytes32))
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
// the contract method with ID 0x4c653727.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slash(address node, uint256 amount, bytes32 jobId, bytes32 evidenceHash) returns()
func (renderEscrow *RenderEscrow) PackSlash(node common.Address, amount *big.Int, jobId [32]byte, evidenceHash [32]byte) []byte {
	enc, err := renderEscrow.abi.Pack("slash", node, amount, jobId, evidenceHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4c653727.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slash(address node, uint256 amount, bytes32 jobId, bytes32 evidenceHash) returns()
func (renderEscrow *RenderEscrow) TryPackSlash(node common.Address, amount *big.Int, jobId [32]byte, evidenceHash [32]byte) ([]byte, error) {
	return renderEscrow.abi.Pack("slash", node, amount, jobId, evidenceHash)
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

// RenderEscrowJobOpened represents a JobOpened event raised by the RenderEscrow contract.
type RenderEscrowJobOpened struct {
	JobId     [32]byte
	Requester common.Address
	Budget    *big.Int
	Deadline  uint64
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
// Solidity: event JobOpened(bytes32 indexed jobId, address indexed requester, uint256 budget, uint64 deadline)
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

// RenderEscrowReclaimed represents a Reclaimed event raised by the RenderEscrow contract.
type RenderEscrowReclaimed struct {
	JobId     [32]byte
	Requester common.Address
	Amount    *big.Int
	Settled   bool
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
// Solidity: event Reclaimed(bytes32 indexed jobId, address indexed requester, uint256 amount, bool settled)
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
// Solidity: event Slashed(bytes32 indexed jobId, address indexed node, uint256 amount, bytes32 evidenceHash)
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
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AlreadySettled"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAlreadySettledError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadDeadline"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadDeadlineError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadProof"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], renderEscrow.abi.Errors["BadSlashCap"].ID.Bytes()[:4]) {
		return renderEscrow.UnpackBadSlashCapError(raw[4:])
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
