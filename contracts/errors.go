package contracts

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/conun/conun/contracts/bindings"
)

// Errors the contracts revert with, as sentinels to test with errors.Is. The
// error returned wraps one of them in a *RevertError that also names the
// contract's custom error and its arguments.
var (
	ErrInsufficientAllowance = errors.New("token allowance too small: approve the escrow first")
	ErrInsufficientBalance   = errors.New("token balance too small")
	ErrNotOwner              = errors.New("only the token owner may do this")
	ErrZeroAmount            = errors.New("amount must be above zero")
	ErrAmountTooLarge        = errors.New("amount does not fit in 128 bits")
	ErrJobExists             = errors.New("a job with this id is already open")
	ErrJobNotFound           = errors.New("no job with this id")
	ErrJobClosed             = errors.New("job already closed by reclaim")
	ErrBadDeadline           = errors.New("deadline must be in the future")
	ErrDeadlinePassed        = errors.New("job deadline has passed")
	ErrNotRequester          = errors.New("only the job's requester may do this")
	ErrAlreadySettled        = errors.New("job already settled")
	ErrNotSettled            = errors.New("job not settled yet")
	ErrOverBudget            = errors.New("more than the job's budget holds (a settle total, or a reservation)")
	ErrAlreadyClaimed        = errors.New("already paid at least this much from this job")
	ErrBadProof              = errors.New("merkle proof does not match the settled root for this node and amount")
	ErrClaimExceedsTotal     = errors.New("claim exceeds what the job has left")
	ErrClaimWindowClosed     = errors.New("claim window has closed")
	ErrReclaimTooEarly       = errors.New("job cannot be reclaimed yet")
	ErrSlashCap              = errors.New("slash exceeds the job's cap")
	ErrBadResultSignature    = errors.New("no valid signature by the node over a result of this job: a slash needs the node's own signed result")
	ErrBadCheckSignature     = errors.New("no valid signature by the node over a spot check of this job: a checker is slashed only with its own signed check")
	ErrAlreadyConvicted      = errors.New("node already slashed for this job")
	ErrBadReceiptSignature   = errors.New("receipt not signed by the job's requester for this worker, job and amount")
	ErrReceiptTooEarly       = errors.New("receipts of a job not settled are paid only after its deadline")
	ErrReceiptWindowClosed   = errors.New("the time to redeem receipts of this job is over")
	ErrBudgetExhausted       = errors.New("the job's budget outside the payout tree is spent: receipts beyond the budget are not paid")
	ErrBadBond               = errors.New("requester bond must be <= 10000 bps")
	ErrBadWindows            = errors.New("claim window must be at least the reclaim grace")
	ErrNotDisputable         = errors.New("no undisputed conviction of this node in this job")
	ErrDisputeWindowClosed   = errors.New("the time to dispute this conviction is over")
	ErrNoOpenDispute         = errors.New("no open dispute of this node in this job")
	ErrArbitersDrawn         = errors.New("the arbiters of this dispute are already drawn")
	ErrDrawTooEarly          = errors.New("the dispute's draw block is not mined yet")
	ErrNoArbiters            = errors.New("no staker may judge this dispute: none with enough stake outside the job")
	ErrNotArbiter            = errors.New("only a drawn arbiter of this dispute may vote")
	ErrAlreadyVoted          = errors.New("this arbiter already voted")
	ErrVotingClosed          = errors.New("voting on this dispute is over")
	ErrResolveTooEarly       = errors.New("the dispute cannot be resolved yet: arbiters are still voting")
	ErrDisputeOpen           = errors.New("a conviction of this job is under dispute: reclaim waits for it")
	ErrInsufficientStake     = errors.New("stake too small")
	ErrNothingToUnstake      = errors.New("no pending unstake")
	ErrUnstakeTooEarly       = errors.New("unstake delay has not passed")
	// ErrReverted is a revert the client could not name (no or unknown data).
	ErrReverted = errors.New("transaction reverted")
)

// revertSentinels maps the contracts' custom error names to the sentinels.
var revertSentinels = map[string]error{
	"ERC20InsufficientAllowance": ErrInsufficientAllowance,
	"ERC20InsufficientBalance":   ErrInsufficientBalance,
	"OwnableUnauthorizedAccount": ErrNotOwner,
	"ZeroAmount":                 ErrZeroAmount,
	"AmountTooLarge":             ErrAmountTooLarge,
	"JobExists":                  ErrJobExists,
	"JobNotFound":                ErrJobNotFound,
	"JobClosed":                  ErrJobClosed,
	"BadDeadline":                ErrBadDeadline,
	"DeadlinePassed":             ErrDeadlinePassed,
	"NotRequester":               ErrNotRequester,
	"AlreadySettled":             ErrAlreadySettled,
	"NotSettled":                 ErrNotSettled,
	"OverBudget":                 ErrOverBudget,
	"AlreadyClaimed":             ErrAlreadyClaimed,
	"BadProof":                   ErrBadProof,
	"ClaimExceedsTotal":          ErrClaimExceedsTotal,
	"ClaimWindowClosed":          ErrClaimWindowClosed,
	"ReclaimTooEarly":            ErrReclaimTooEarly,
	"SlashCapExceeded":           ErrSlashCap,
	"BadResultSignature":         ErrBadResultSignature,
	"BadCheckSignature":          ErrBadCheckSignature,
	"AlreadyConvicted":           ErrAlreadyConvicted,
	"BadReceiptSignature":        ErrBadReceiptSignature,
	"ReceiptTooEarly":            ErrReceiptTooEarly,
	"ReceiptWindowClosed":        ErrReceiptWindowClosed,
	"BudgetExhausted":            ErrBudgetExhausted,
	"BadBond":                    ErrBadBond,
	"BadWindows":                 ErrBadWindows,
	"NotDisputable":              ErrNotDisputable,
	"DisputeWindowClosed":        ErrDisputeWindowClosed,
	"NoOpenDispute":              ErrNoOpenDispute,
	"ArbitersAlreadyDrawn":       ErrArbitersDrawn,
	"DrawTooEarly":               ErrDrawTooEarly,
	"NoArbiters":                 ErrNoArbiters,
	"NotArbiter":                 ErrNotArbiter,
	"AlreadyVoted":               ErrAlreadyVoted,
	"VotingClosed":               ErrVotingClosed,
	"ResolveTooEarly":            ErrResolveTooEarly,
	"DisputeOpen":                ErrDisputeOpen,
	"InsufficientStake":          ErrInsufficientStake,
	"NothingToUnstake":           ErrNothingToUnstake,
	"UnstakeTooEarly":            ErrUnstakeTooEarly,
}

// RevertError is a decoded contract revert: the custom error's name and
// arguments, and the sentinel it stands for (ErrReverted when unknown).
type RevertError struct {
	Name string // the Solidity error name, e.g. "AlreadyClaimed"; empty when unknown
	Args string // the arguments, "name=value" separated by spaces
	Data []byte // the raw revert data
	Err  error  // the sentinel
}

// Error says what went wrong first and the contract's own words after it.
func (e *RevertError) Error() string {
	if e.Name == "" {
		if len(e.Data) == 0 {
			return e.Err.Error()
		}
		return fmt.Sprintf("%v (revert data %x)", e.Err, e.Data)
	}
	if e.Args == "" {
		return fmt.Sprintf("%v (%s)", e.Err, e.Name)
	}
	return fmt.Sprintf("%v (%s %s)", e.Err, e.Name, e.Args)
}

// Unwrap returns the sentinel, for errors.Is.
func (e *RevertError) Unwrap() error { return e.Err }

// revertDecoder names revert data with the custom errors of both contracts:
// token errors (allowance, balance) bubble up through the escrow unchanged.
type revertDecoder struct {
	byID map[[4]byte]abi.Error
}

func newRevertDecoder() (*revertDecoder, error) {
	d := &revertDecoder{byID: make(map[[4]byte]abi.Error)}
	for _, md := range []*struct {
		name string
		abi  func() (*abi.ABI, error)
	}{
		{"ConunToken", bindings.ConunTokenMetaData.ParseABI},
		{"RenderEscrow", bindings.RenderEscrowMetaData.ParseABI},
	} {
		parsed, err := md.abi()
		if err != nil {
			return nil, fmt.Errorf("parse %s ABI: %w", md.name, err)
		}
		for _, e := range parsed.Errors {
			var id [4]byte
			copy(id[:], e.ID[:4])
			d.byID[id] = e
		}
	}
	return d, nil
}

// decode turns an error from a call or gas estimate into a *RevertError when it
// carries revert data, and returns other errors unchanged.
func (d *revertDecoder) decode(err error) error {
	if err == nil {
		return nil
	}
	data, ok := ethclient.RevertErrorData(err)
	if !ok {
		// Nodes report a revert without data as a message only.
		if strings.Contains(err.Error(), "execution reverted") {
			return &RevertError{Err: ErrReverted}
		}
		return err
	}
	return d.decodeData(data)
}

func (d *revertDecoder) decodeData(data []byte) *RevertError {
	re := &RevertError{Data: data, Err: ErrReverted}
	if len(data) < 4 {
		return re
	}
	e, ok := d.byID[[4]byte(data[:4])]
	if !ok {
		return re
	}
	re.Name = e.Name
	if s, ok := revertSentinels[e.Name]; ok {
		re.Err = s
	}
	values, err := e.Inputs.Unpack(data[4:])
	if err != nil {
		return re
	}
	args := make([]string, 0, len(values))
	for i, v := range values {
		name := e.Inputs[i].Name
		if name == "" {
			name = fmt.Sprintf("arg%d", i)
		}
		if b, ok := v.([32]byte); ok {
			v = common.Hash(b)
		}
		args = append(args, fmt.Sprintf("%s=%v", name, v))
	}
	re.Args = strings.Join(args, " ")
	return re
}
