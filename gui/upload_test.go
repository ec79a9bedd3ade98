package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestUploadShown: an upload's progress shows on its label, on the UI
// goroutine, once a whole percent (not on every write), and not at all
// once the label is about something else (another scene was picked).
func TestUploadShown(t *testing.T) {
	test.NewTempApp(t)
	th := newUIThread()
	calls := 0 // UI updates queued
	u := &ui{do: func(f func()) { calls++; th.do(f) }}
	label := widget.NewLabel("")
	current := true
	progress := u.uploadShown(label, "Uploading shot.blend …", func() bool { return current })
	var shown []string
	step := func(sent int64) {
		progress(sent, 1_000_000_000)
		th.until(t, "the queued updates ran", func() bool { return true })
		if len(shown) == 0 || shown[len(shown)-1] != label.Text {
			shown = append(shown, label.Text)
		}
	}
	for _, sent := range []int64{0, 4_000_000, 10_000_000, 10_000_001, 500_000_000} {
		step(sent)
	}
	want := []string{
		"Uploading shot.blend … 0% (0 B of 1.0 GB)",
		"Uploading shot.blend … 1% (10 MB of 1.0 GB)",
		"Uploading shot.blend … 50% (500 MB of 1.0 GB)",
	}
	if len(shown) != len(want) {
		t.Fatalf("shown %q, want %q", shown, want)
	}
	for i := range want {
		if shown[i] != want[i] {
			t.Fatalf("shown %q, want %q", shown, want)
		}
	}
	if calls != len(want) {
		t.Fatalf("%d UI updates queued for %d percents", calls, len(want))
	}
	current = false
	step(900_000_000)
	if label.Text != want[2] {
		t.Errorf("another scene was picked: the label says %q", label.Text)
	}
}
