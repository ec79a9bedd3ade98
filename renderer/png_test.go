package renderer

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteDurable: what WriteDurable leaves is the whole new file and no
// temporary; an encoder's error leaves the old file and no temporary.
func TestWriteDurable(t *testing.T) {
	p := filepath.Join(t.TempDir(), "frame_0001.png")
	for _, body := range []string{"first", "second"} {
		if err := WriteDurable(p, func(w io.Writer) error { _, err := io.WriteString(w, body); return err }); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(p); err != nil || string(b) != body {
			t.Fatalf("file holds %q, %v; want %q", b, err, body)
		}
	}
	bad := errors.New("encoder failed")
	if err := WriteDurable(p, func(w io.Writer) error { io.WriteString(w, "par"); return bad }); !errors.Is(err, bad) {
		t.Fatalf("got %v, want the encoder's error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "second" {
		t.Fatalf("a failed write left %q", b)
	}
	if _, err := os.Stat(p + ".tmp"); !os.IsNotExist(err) {
		t.Fatalf("temporary left behind: %v", err)
	}
}
