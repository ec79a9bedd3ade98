package main

import (
	"bytes"
	"testing"
)

// TestUploadMeter: the upload's line is redrawn in place when its whole
// percent changes, not on every write, and cleared at the end so that
// what follows starts on a clean line.
func TestUploadMeter(t *testing.T) {
	var buf bytes.Buffer
	m := &uploadMeter{w: &buf, name: "shot.blend"}
	for _, sent := range []int64{0, 1_000, 9_000_000, 10_000_000, 10_000_001, 995_000_000, 1_000_000_000} {
		m.progress(sent, 1_000_000_000)
	}
	m.end()
	want := "\r\033[Kuploading shot.blend: 0% (0 B of 1.0 GB)" +
		"\r\033[Kuploading shot.blend: 1% (10 MB of 1.0 GB)" +
		"\r\033[Kuploading shot.blend: 99% (995 MB of 1.0 GB)" +
		"\r\033[Kuploading shot.blend: 100% (1.0 GB of 1.0 GB)" +
		"\r\033[K"
	if got := buf.String(); got != want {
		t.Errorf("drew %q\nwant %q", got, want)
	}
	buf.Reset()
	(&uploadMeter{w: &buf}).end()
	if buf.Len() != 0 {
		t.Errorf("a meter that drew nothing cleared a line: %q", buf.String())
	}
}
