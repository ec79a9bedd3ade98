package api

import (
	"errors"
	"fmt"
)

// Ids. A job has two names: its farm id (JobSpec.ID, 16 hex digits) and
// its escrow id (JobSpec.Hash as the chain spells it: 0x and 64 hex
// digits). Each has exactly one accepted spelling, lowercase, so that a
// store key, a map key or a route names a job once: before this, "0x",
// leading zeros and upper case made 500 spellings of one escrow id 500
// stored claims, each sent to the chain (where all but one reverted).

// ErrBadID is wrapped by the errors of ParseJobID and ParseEscrowID.
var ErrBadID = errors.New("bad id")

// jobIDLen and escrowIDLen are the lengths of the two ids' hex digits.
const (
	jobIDLen    = 16
	escrowIDLen = 64
)

// ParseJobID checks that s is a farm job id as the node prints it: 16
// lowercase hex digits, no prefix.
func ParseJobID(s string) (string, error) {
	if len(s) != jobIDLen || !lowerHex(s) {
		return "", fmt.Errorf("%w: job id %s: want the 16 lowercase hex digits `conun submit` prints", ErrBadID, quoteID(s))
	}
	return s, nil
}

// ParseEscrowID checks that s is a job's escrow id: 0x and 64 lowercase
// hex digits.
func ParseEscrowID(s string) (string, error) {
	if len(s) != 2+escrowIDLen || s[:2] != "0x" || !lowerHex(s[2:]) {
		return "", fmt.Errorf("%w: escrow id %s: want 0x and 64 lowercase hex digits", ErrBadID, quoteID(s))
	}
	return s, nil
}

// ParseJobRef checks that s names a job either way: a farm job id or an
// escrow id (routes that take both, such as a dispute).
func ParseJobRef(s string) (string, error) {
	if len(s) == jobIDLen {
		return ParseJobID(s)
	}
	if _, err := ParseEscrowID(s); err != nil {
		return "", fmt.Errorf("%w: job %s: want its farm id (16 lowercase hex digits) or its escrow id (0x and 64 lowercase hex digits)", ErrBadID, quoteID(s))
	}
	return s, nil
}

func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// quoteID quotes an id for an error message, cut short: the input is
// anyone's, and an error should not echo a megabyte back.
func quoteID(s string) string {
	if len(s) > 80 {
		return fmt.Sprintf("%q... (%d bytes)", s[:80], len(s))
	}
	return fmt.Sprintf("%q", s)
}
