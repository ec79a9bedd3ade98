package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strings"

	"github.com/conun/conun/farm/blobstore"
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

// uploadQuotaFlags defines the flags of the quotas on partial (resumable)
// uploads, per client and for the node, each defaulting to
// blobstore.DefaultQuota's. The quotas keep one client from filling the
// node's disk with uploads it never finishes; an operator whose studios
// send scenes of tens of GB raises them. set writes them into q.
func uploadQuotaFlags(fs *flag.FlagSet) (set func(q *blobstore.Quota) error) {
	def := blobstore.DefaultQuota()
	perCount := fs.Int("upload-quota-files", def.PerClientCount, "resumable uploads one client (its token, else its address) may have in progress at once")
	perBytes := sizeFlag(fs, "upload-quota", humanize.IBytes(uint64(def.PerClientBytes)), "bytes of resumable uploads one client may have in progress (their declared lengths, e.g. 8GiB); a larger scene needs a larger quota")
	totCount := fs.Int("upload-quota-total-files", def.TotalCount, "resumable uploads in progress on this node, all clients together")
	totBytes := sizeFlag(fs, "upload-quota-total", humanize.IBytes(uint64(def.TotalBytes)), "bytes of resumable uploads in progress on this node, all clients together (e.g. 32GiB)")
	return func(q *blobstore.Quota) error {
		for _, c := range []struct {
			name string
			n    int64
		}{{"upload-quota-files", int64(*perCount)}, {"upload-quota", *perBytes}, {"upload-quota-total-files", int64(*totCount)}, {"upload-quota-total", *totBytes}} {
			if c.n < 1 {
				return fmt.Errorf("%w: --%s %d: at least 1 (a quota of 0 refuses every upload)", errUsage, c.name, c.n)
			}
		}
		q.PerClientCount, q.PerClientBytes, q.TotalCount, q.TotalBytes = *perCount, *perBytes, *totCount, *totBytes
		return nil
	}
}
