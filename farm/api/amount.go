package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"
)

// TokenDecimals is how many decimals a token has: 1 token is 10^18 wei.
const TokenDecimals = 18

// maxTokenDigits bounds the whole part of an amount: 10^40 tokens is far
// past any supply, and the bound keeps a hostile amount from costing time.
const maxTokenDigits = 40

var weiPerToken = new(big.Int).Exp(big.NewInt(10), big.NewInt(TokenDecimals), nil)

// Tokens is an exact, non-negative amount of tokens, kept as integer wei
// so that 0.03 tokens is 30000000000000000 wei, never a float's neighbour.
// The zero value is 0. It is comparable with ==, since wei is kept in its
// one canonical decimal spelling ("" for zero).
//
// In JSON it is a number written with its exact decimal digits ("budget":
// 0.03): that is how a float64 of the same value was written before, so a
// job spec's hash (its escrow id) is unchanged by the move to exact
// amounts. A JSON string ("0.03") is read as well. Either is read from its
// text, never through float64, and must be a plain decimal: exponents,
// signs and more than 18 decimals are refused.
type Tokens struct {
	wei string
}

// ParseTokens reads a plain decimal amount of tokens ("1", "1.5", ".5",
// "7.", "0.000000000000000001"); errors wrap ErrBadAmount. It refuses negative amounts, exponents
// ("1e-18"), and digits past the 18th decimal that are not zero, naming
// the problem.
func ParseTokens(s string) (Tokens, error) {
	if s == "" {
		return Tokens{}, fmt.Errorf("%w: empty: want a decimal such as 0.03", ErrBadAmount)
	}
	if s[0] == '-' {
		return Tokens{}, fmt.Errorf("%w: %q is negative", ErrBadAmount, clip(s))
	}
	whole, frac, _ := strings.Cut(s, ".")
	if (whole == "" && frac == "") || !allDigits(whole) || !allDigits(frac) {
		if strings.ContainsAny(s, "eE") && allDigits(strings.NewReplacer("e", "", "E", "", ".", "", "-", "", "+", "").Replace(s)) {
			return Tokens{}, fmt.Errorf("%w: %q: write it without an exponent (1e-18 is 0.000000000000000001)", ErrBadAmount, clip(s))
		}
		return Tokens{}, fmt.Errorf("%w: %q: want a decimal such as 0.03", ErrBadAmount, clip(s))
	}
	if len(whole) > maxTokenDigits {
		return Tokens{}, fmt.Errorf("%w: %q is too large (more than %d digits before the point)", ErrBadAmount, clip(s), maxTokenDigits)
	}
	if trimmed := strings.TrimRight(frac, "0"); len(trimmed) > TokenDecimals {
		return Tokens{}, fmt.Errorf("%w: %q has %d decimals: a token has %d (its smallest part, 1 wei, is 0.000000000000000001)", ErrBadAmount, clip(s), len(trimmed), TokenDecimals)
	} else {
		frac = trimmed
	}
	digits := strings.TrimLeft(whole+frac+strings.Repeat("0", TokenDecimals-len(frac)), "0")
	return Tokens{wei: digits}, nil
}

// MustTokens is ParseTokens for constants in code and tests; it panics on
// a bad amount, so it must never see outside input.
func MustTokens(s string) Tokens {
	t, err := ParseTokens(s)
	if err != nil {
		panic(err)
	}
	return t
}

// TokensFromWei is the amount of wei given; a negative or nil wei is 0,
// since amounts here are never negative.
func TokensFromWei(wei *big.Int) Tokens {
	if wei == nil || wei.Sign() <= 0 {
		return Tokens{}
	}
	return Tokens{wei: wei.String()}
}

// Wei returns the amount in wei, a new big.Int the caller may change.
func (t Tokens) Wei() *big.Int {
	w, ok := new(big.Int).SetString(t.wei, 10)
	if !ok {
		return new(big.Int) // the zero value, ""
	}
	return w
}

// IsZero reports whether the amount is 0 (it lets `omitzero` leave a zero
// amount out of JSON, as `omitempty` left out a zero float).
func (t Tokens) IsZero() bool { return t.wei == "" }

// Cmp compares two amounts: -1, 0 or +1 as t is less than, equal to, or
// more than u.
func (t Tokens) Cmp(u Tokens) int {
	if len(t.wei) != len(u.wei) { // canonical spellings: longer is larger
		if len(t.wei) < len(u.wei) {
			return -1
		}
		return 1
	}
	return strings.Compare(t.wei, u.wei)
}

// Add returns t + u.
func (t Tokens) Add(u Tokens) Tokens { return TokensFromWei(new(big.Int).Add(t.Wei(), u.Wei())) }

// String writes the amount in tokens with exactly the decimals it has
// ("0.03", "50", "0.000000000000000001", "0").
func (t Tokens) String() string { return formatWei(t.wei) }

// formatWei writes non-negative wei, given in decimal, as tokens.
func formatWei(wei string) string {
	if wei == "" || wei == "0" {
		return "0"
	}
	if len(wei) <= TokenDecimals {
		wei = strings.Repeat("0", TokenDecimals+1-len(wei)) + wei
	}
	whole, frac := wei[:len(wei)-TokenDecimals], strings.TrimRight(wei[len(wei)-TokenDecimals:], "0")
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}

// Set parses a command-line flag's value, so *Tokens is a flag.Value.
func (t *Tokens) Set(s string) error {
	v, err := ParseTokens(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON writes the amount as a JSON number with its exact digits.
func (t Tokens) MarshalJSON() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalJSON reads a JSON number or string from its text; null leaves
// the amount as it is, as encoding/json does for numbers.
func (t *Tokens) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("%w: %w", ErrBadAmount, err)
		}
	}
	return t.Set(s)
}

// UnmarshalYAML reads a manifest's amount from the scalar's text as
// written (budget: 0.03), never through a float.
func (t *Tokens) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("%w: line %d: want a decimal such as 0.03", ErrBadAmount, n.Line)
	}
	if err := t.Set(n.Value); err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	return nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// clip shortens an amount quoted in an error, so a hostile megabyte of
// digits does not come back in the message.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
