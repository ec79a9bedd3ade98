package verifier

import (
	"fmt"
	"image"
	"math"
)

// Mode says how closely a checker's re-render must match a worker's.
type Mode int

const (
	// Exact demands bit equality: for renderers that are deterministic by
	// construction, such as the pure-Go path tracer.
	Exact Mode = iota
	// NearExact allows a tiny fraction of pixels off by a few 16-bit
	// levels: for a checker with the worker's renderer build and CPU kernel
	// class (or GPU model), where replays match to float rounding.
	NearExact
	// Tolerant allows sampling-level differences: for a checker whose
	// renderer takes another code path (another CPU kernel class).
	Tolerant
)

var modeNames = [...]string{Exact: "exact", NearExact: "near-exact", Tolerant: "tolerant"}

// String returns the mode's name: "exact", "near-exact" or "tolerant".
func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return fmt.Sprintf("Mode(%d)", int(m))
	}
	return modeNames[m]
}

// MarshalText writes the mode's name, so verdicts read well as JSON.
func (m Mode) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a name written by MarshalText.
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	*m = v
	return err
}

// ParseMode reads a mode's name.
func ParseMode(s string) (Mode, error) {
	for m, name := range modeNames {
		if s == name {
			return Mode(m), nil
		}
	}
	return 0, fmt.Errorf("verification mode %q: must be exact, near-exact or tolerant", s)
}

// Thresholds turn a Diff into an Outcome: a crop passes when at most
// Accept of its pixels differ by more than Tolerance, fails when more than
// Reject do, and is uncertain in between (a third node should re-check).
type Thresholds struct {
	// Tolerance is the per-channel difference, in 16-bit levels, that a
	// pixel may have and still count as matching.
	Tolerance int
	// Accept is the largest fraction of differing pixels that passes.
	Accept float64
	// Reject is the fraction of differing pixels above which a crop fails;
	// Reject >= Accept.
	Reject float64
}

// DefaultThresholds returns the thresholds for mode, chosen from what was
// measured on Blender 3.4 Cycles CPU (see the package documentation):
//
//   - Exact: no difference at all.
//   - NearExact: tolerance 64 levels (10x the worst honest replay
//     difference, 6/65535, and a quarter of one 8-bit level, so an 8-bit
//     tamper always counts); accept 0.1%, reject 1% (an 8x8 tamper is 1.6%
//     of a 64x64 crop).
//   - Tolerant: tolerance 128 levels (half an 8-bit level, so "differs"
//     means what it meant in the 8-bit measurements); accept 2%, reject 8%
//     (honest kernels differ in at most 4.5% of a 64x64 block with content,
//     cheats in at least 8.8%).
func DefaultThresholds(mode Mode) Thresholds {
	switch mode {
	case NearExact:
		return Thresholds{Tolerance: 64, Accept: 0.001, Reject: 0.01}
	case Tolerant:
		return Thresholds{Tolerance: 128, Accept: 0.02, Reject: 0.08}
	default:
		return Thresholds{}
	}
}

// Outcome is a verdict's decision.
type Outcome int

const (
	// Pass means the worker's pixels match the checker's.
	Pass Outcome = iota
	// Fail means they do not: the worker's result is rejected.
	Fail
	// Uncertain means the difference is between the honest and the
	// cheating range, or the check could not be made: ask another node.
	Uncertain
)

var outcomeNames = [...]string{Pass: "pass", Fail: "fail", Uncertain: "uncertain"}

// String returns "pass", "fail" or "uncertain".
func (o Outcome) String() string {
	if o < 0 || int(o) >= len(outcomeNames) {
		return fmt.Sprintf("Outcome(%d)", int(o))
	}
	return outcomeNames[o]
}

// MarshalText writes the outcome's name.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads a name written by MarshalText.
func (o *Outcome) UnmarshalText(b []byte) error {
	for v, name := range outcomeNames {
		if string(b) == name {
			*o = Outcome(v)
			return nil
		}
	}
	return fmt.Errorf("verdict outcome %q: must be pass, fail or uncertain", b)
}

// Compare checks a worker's pixels against a checker's re-render over
// rect, in frame coordinates, with the mode's DefaultThresholds. It uses a
// pooled Comparer, so it is safe for concurrent use.
func Compare(worker, checker image.Image, rect image.Rectangle, mode Mode) Verdict {
	return withComparer(func(c *Comparer) Verdict {
		return c.Compare(worker, checker, rect, mode, DefaultThresholds(mode))
	})
}

// CompareCrops compares every crop and summarises them (see Summarize).
func CompareCrops(worker, checker image.Image, crops []image.Rectangle, mode Mode) Verdict {
	vs := make([]Verdict, len(crops))
	for i, r := range crops {
		vs[i] = Compare(worker, checker, r, mode)
	}
	return Summarize(vs)
}

// Compare checks worker against checker over rect with thresholds th;
// mode is recorded in the verdict, and Exact takes the equality fast path.
// A worker image that does not cover rect fails; a checker image that does
// not cover it makes the verdict Uncertain, since the checker is at fault.
func (c *Comparer) Compare(worker, checker image.Image, rect image.Rectangle, mode Mode, th Thresholds) Verdict {
	v := Verdict{Mode: mode, Rect: rect}
	switch {
	case rect.Empty():
		v.Outcome, v.Reason = Uncertain, "empty crop"
		return v
	case !rect.In(checker.Bounds()):
		v.Outcome, v.Reason = Uncertain, fmt.Sprintf("checker image %v does not cover crop %v", checker.Bounds(), rect)
		return v
	case !rect.In(worker.Bounds()):
		v.Outcome, v.Reason = Fail, fmt.Sprintf("worker image %v does not cover crop %v", worker.Bounds(), rect)
		return v
	}
	if mode == Exact && c.Equal(worker, checker, rect) {
		v.Metrics = Metrics{Pixels: rect.Dx() * rect.Dy(), PSNR: math.Inf(1), SSIM: 1}
		v.Reason = "identical"
		return v
	}
	d := c.Diff(worker, checker, rect, th.Tolerance)
	v.Metrics = Metrics{
		Pixels:    d.Pixels,
		Differing: d.Differing,
		Fraction:  d.Fraction(),
		MaxDiff:   d.MaxDiff,
		PSNR:      d.PSNR(),
		SSIM:      c.SSIM(worker, checker, rect),
	}
	v.Outcome, v.Reason = th.judge(d, mode)
	return v
}

// judge applies the thresholds to a diff.
func (th Thresholds) judge(d Diff, mode Mode) (Outcome, string) {
	f := d.Fraction()
	what := fmt.Sprintf("%d of %d pixels (%.3f%%) differ by more than %d/65535 (max %d)",
		d.Differing, d.Pixels, 100*f, th.Tolerance, d.MaxDiff)
	if mode == Exact && d.MaxDiff > 0 {
		return Fail, what + "; exact mode allows none"
	}
	switch {
	case f <= th.Accept:
		return Pass, fmt.Sprintf("%s; accept up to %.3f%%", what, 100*th.Accept)
	case f > th.Reject:
		return Fail, fmt.Sprintf("%s; reject above %.3f%%", what, 100*th.Reject)
	default:
		return Uncertain, fmt.Sprintf("%s; between %.3f%% and %.3f%%: re-check", what, 100*th.Accept, 100*th.Reject)
	}
}
