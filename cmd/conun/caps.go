package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"

	"github.com/dustin/go-humanize"
)

// The caps a GPU owner sets on what the node takes of the machine
// (--cache-max, --memory-max, --upload-limit, --download-limit) are
// written as people write sizes: 20GB is 20*10^9 bytes, 20GiB 20*2^30.

// parseSize reads a byte count: a number with an optional unit (B, kB,
// MB, GB, TB, PB in powers of 1000; KiB, MiB, GiB, TiB, PiB in powers of
// 1024; case does not matter), e.g. "20GB", "512MiB", "1.5TB", "4096".
func parseSize(s string) (int64, error) {
	const want = "want a number of bytes such as 20GB, 512MiB or 1.5TB"
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return 0, fmt.Errorf("empty size: %s", want)
	case strings.HasPrefix(t, "-"):
		return 0, fmt.Errorf("size %q is negative: %s", s, want)
	case strings.Contains(t, ","):
		// humanize would read 1,5GB as 15GB: a decimal comma must not
		// silently become ten times the cap.
		return 0, fmt.Errorf("size %q: write decimals with a point (1.5GB), without thousands separators", s)
	}
	n, err := humanize.ParseBytes(t)
	if err != nil && !strings.HasPrefix(err.Error(), "too large") {
		return 0, fmt.Errorf("size %q: %s", s, want)
	}
	if err != nil || n > math.MaxInt64 {
		return 0, fmt.Errorf("size %q is too large (at most %s)", s, humanize.IBytes(math.MaxInt64))
	}
	return int64(n), nil
}

// parseRate reads a transfer rate in bytes a second: a size with an
// optional "/s" ("10MB/s", "10MB", "1.5MiB/s"); 0 is no limit.
func parseRate(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if rest, ok := cutSuffixFold(t, "/s"); ok {
		t = strings.TrimSpace(rest)
	}
	n, err := parseSize(t)
	if err != nil {
		return 0, fmt.Errorf("rate %q: want bytes a second such as 10MB/s or 512KiB/s (0: no limit)", s)
	}
	return n, nil
}

// cutSuffixFold is strings.CutSuffix ignoring ASCII case.
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

// byteFlag is a flag of a size or rate: it keeps the text it was given,
// so --print-config writes back exactly what the owner typed, and the
// bytes it means.
type byteFlag struct {
	text  string
	n     *int64
	parse func(string) (int64, error)
}

func (f *byteFlag) String() string {
	if f == nil {
		return ""
	}
	return f.text
}

func (f *byteFlag) Set(s string) error {
	n, err := f.parse(s)
	if err != nil {
		return err
	}
	f.text, *f.n = strings.TrimSpace(s), n
	return nil
}

// sizeFlag defines a flag of a byte count (parseSize) whose default is
// def, a constant.
func sizeFlag(fs *flag.FlagSet, name, def, usage string) *int64 {
	return bytesFlag(fs, name, def, usage, parseSize)
}

// rateFlag defines a flag of bytes a second (parseRate) whose default is
// def, a constant.
func rateFlag(fs *flag.FlagSet, name, def, usage string) *int64 {
	return bytesFlag(fs, name, def, usage, parseRate)
}

func bytesFlag(fs *flag.FlagSet, name, def, usage string, parse func(string) (int64, error)) *int64 {
	n, err := parse(def)
	if err != nil {
		panic(errors.Join(fmt.Errorf("flag --%s: default", name), err)) // a constant in this file's callers
	}
	f := &byteFlag{text: def, n: &n, parse: parse}
	fs.Var(f, name, usage)
	return f.n
}
