package scenes

import (
	"bytes"
	"testing"
)

func TestBundled(t *testing.T) {
	names := Names()
	want := []string{"anim.glb", "cornell.glb", "spheres.glb"}
	if len(names) != len(want) {
		t.Fatalf("Names() = %v, want %v", names, want)
	}
	for i, n := range names {
		if n != want[i] {
			t.Fatalf("Names() = %v, want %v", names, want)
		}
		b, ok := Bytes(n)
		if !ok || !bytes.HasPrefix(b, []byte("glTF")) {
			t.Errorf("Bytes(%q) = %d bytes, %v; want a GLB", n, len(b), ok)
		}
		if Describe(n) == "" {
			t.Errorf("Describe(%q) is empty", n)
		}
	}
	if _, ok := Bytes("missing.glb"); ok {
		t.Error(`Bytes("missing.glb") reported ok`)
	}
	if _, ok := Bytes("../embed.go"); ok {
		t.Error(`Bytes("../embed.go") reported ok`)
	}
}
