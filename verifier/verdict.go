package verifier

import (
	"encoding/json"
	"fmt"
	"image"
	"math"
)

// Metrics are the measured differences behind a verdict, kept as evidence.
type Metrics struct {
	// Pixels is the number of pixels compared.
	Pixels int `json:"pixels"`
	// Differing is the number of pixels off by more than the tolerance.
	Differing int `json:"differing"`
	// Fraction is Differing / Pixels.
	Fraction float64 `json:"fraction"`
	// MaxDiff is the largest channel difference in 16-bit levels.
	MaxDiff int `json:"max_diff"`
	// PSNR is in dB over R, G and B; +Inf (JSON "+Inf") when identical.
	PSNR float64 `json:"-"`
	// SSIM is the mean SSIM of the luminance, 1 when identical.
	SSIM float64 `json:"ssim"`
}

// metricsJSON is Metrics with PSNR as a number or "+Inf", which plain JSON
// numbers cannot hold.
type metricsJSON struct {
	metricsAlias
	PSNR json.RawMessage `json:"psnr"`
}

type metricsAlias Metrics

// MarshalJSON writes PSNR as a number, or as the string "+Inf".
func (m Metrics) MarshalJSON() ([]byte, error) {
	psnr := json.RawMessage(`"+Inf"`)
	if !math.IsInf(m.PSNR, 0) && !math.IsNaN(m.PSNR) {
		psnr, _ = json.Marshal(m.PSNR)
	}
	return json.Marshal(metricsJSON{metricsAlias(m), psnr})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (m *Metrics) UnmarshalJSON(b []byte) error {
	var j metricsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = Metrics(j.metricsAlias)
	switch string(j.PSNR) {
	case `"+Inf"`:
		m.PSNR = math.Inf(1)
	case "", "null":
	default:
		if err := json.Unmarshal(j.PSNR, &m.PSNR); err != nil {
			return fmt.Errorf("psnr: %w", err)
		}
	}
	return nil
}

// Verdict is the result of comparing a worker's pixels with a checker's.
type Verdict struct {
	// Outcome is the decision.
	Outcome Outcome `json:"outcome"`
	// Mode is how the comparison was made.
	Mode Mode `json:"mode"`
	// Rect is the compared crop in frame coordinates; for a summary, the
	// smallest rectangle holding all crops.
	Rect image.Rectangle `json:"rect"`
	// Metrics are the measurements; for a summary, the totals over crops
	// with the worst PSNR and SSIM.
	Metrics Metrics `json:"metrics"`
	// Reason says why, in words, for logs and the event stream.
	Reason string `json:"reason"`
}

// Summarize combines the verdicts of a task's crops: it fails if any crop
// fails, is uncertain if any is uncertain and none fails, and passes only
// when all pass. No verdicts make an Uncertain summary, because nothing was
// checked.
func Summarize(vs []Verdict) Verdict {
	if len(vs) == 0 {
		return Verdict{Outcome: Uncertain, Reason: "no crops compared"}
	}
	s := Verdict{Outcome: Pass, Mode: vs[0].Mode, Metrics: Metrics{PSNR: math.Inf(1), SSIM: 1}}
	worst := -1
	for i, v := range vs {
		s.Rect = s.Rect.Union(v.Rect)
		m := &s.Metrics
		m.Pixels += v.Metrics.Pixels
		m.Differing += v.Metrics.Differing
		m.MaxDiff = max(m.MaxDiff, v.Metrics.MaxDiff)
		m.PSNR = math.Min(m.PSNR, v.Metrics.PSNR)
		m.SSIM = math.Min(m.SSIM, v.Metrics.SSIM)
		if rank(v.Outcome) > rank(s.Outcome) {
			s.Outcome, worst = v.Outcome, i
		}
	}
	if s.Metrics.Pixels > 0 {
		s.Metrics.Fraction = float64(s.Metrics.Differing) / float64(s.Metrics.Pixels)
	}
	if worst < 0 {
		s.Reason = fmt.Sprintf("all %d crops pass", len(vs))
	} else {
		s.Reason = fmt.Sprintf("crop %v: %s", vs[worst].Rect, vs[worst].Reason)
	}
	return s
}

// rank orders outcomes by severity: a failure outweighs doubt, which
// outweighs a pass.
func rank(o Outcome) int {
	switch o {
	case Fail:
		return 2
	case Uncertain:
		return 1
	}
	return 0
}
