package main

import (
	"flag"

	"github.com/conun/conun/farm/api"
)

// tokensFlag defines a flag of an exact token amount ("0.03"), read as a
// decimal and never through float64; value is its default, a constant.
func tokensFlag(fs *flag.FlagSet, name, value, usage string) *api.Tokens {
	t := api.MustTokens(value)
	fs.Var(&t, name, usage)
	return &t
}
