package sandbox

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/moby/moby/client"
)

// TestMemoryCap: the sandbox's Memory is the container's memory limit, as
// Docker holds it (swap none on top), and a render that needs more fails
// at once with an error that says it went over the memory cap, not a hang.
func TestMemoryCap(t *testing.T) {
	cfg := testConfig(t)
	cfg.Memory = 96 << 20
	s := newSandbox(t, cfg, "pathtracer")
	box := newPathTracer(t, s)
	ctx := context.Background()
	small := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 16, Height: 16, Samples: 1}
	if _, err := box.Render(ctx, small); err != nil {
		t.Fatalf("a small render under the cap: %v", err)
	}
	ids := containers(t, s) // the warm container of that render
	if len(ids) != 1 {
		t.Fatalf("%d containers after one render, want its warm one", len(ids))
	}
	info, err := s.cli.ContainerInspect(ctx, ids[0], client.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hc := info.Container.HostConfig
	if hc == nil || hc.Memory != cfg.Memory || hc.MemorySwap != cfg.Memory {
		t.Fatalf("container HostConfig memory %+v; want Memory and MemorySwap %d", hc, cfg.Memory)
	}

	big := renderer.Task{Scene: heavyScene(t), Frame: 1, Width: 16, Height: 16, Samples: 1}
	rctx, cancel := context.WithTimeout(ctx, 50*time.Second) // under cfg.Timeout: a hang fails here
	defer cancel()
	_, err = box.Render(rctx, big)
	if !errors.Is(err, ErrOutOfMemory) || !strings.Contains(err.Error(), "over memory cap") || !strings.Contains(err.Error(), "96MiB") {
		t.Fatalf("a render over the cap: %v; want ErrOutOfMemory saying over memory cap (96MiB)", err)
	}
	t.Logf("over the cap: %v", err)
}

// heavyScene writes a small .glb that takes far more memory once loaded
// than the test's cap, though within the path tracer's own limits: a mesh
// of 1000 triangles instanced by 900 nodes, 900,000 triangles to build a
// BVH over.
func heavyScene(t *testing.T) string {
	var bin bytes.Buffer
	for _, v := range []float32{0, 0, -2, 1, 0, -2, 0, 1, -2} {
		binary.Write(&bin, binary.LittleEndian, v)
	}
	for range 1000 {
		binary.Write(&bin, binary.LittleEndian, []uint16{0, 1, 2})
	}
	nodes := strings.TrimSuffix(strings.Repeat(`{"mesh":0},`, 900), ",")
	doc := `{"asset":{"version":"2.0"},"cameras":[{"type":"perspective","perspective":{"yfov":0.8,"znear":0.1}}],` +
		fmt.Sprintf(`"buffers":[{"byteLength":%d}],`, bin.Len()) +
		`"bufferViews":[{"buffer":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":6000}],` +
		`"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,-2],"max":[1,1,-2]},{"bufferView":1,"componentType":5123,"count":3000,"type":"SCALAR"}],` +
		`"meshes":[{"primitives":[{"attributes":{"POSITION":0},"indices":1}]}],` +
		`"nodes":[{"camera":0},` + nodes + `],"scenes":[{"nodes":[` + sceneNodes(901) + `]}],"scene":0}`
	for len(doc)%4 != 0 {
		doc += " "
	}
	var f bytes.Buffer
	le := func(v int) { binary.Write(&f, binary.LittleEndian, uint32(v)) }
	f.WriteString("glTF")
	le(2)
	le(12 + 8 + len(doc) + 8 + bin.Len())
	le(len(doc))
	f.WriteString("JSON")
	f.WriteString(doc)
	le(bin.Len())
	f.WriteString("BIN\x00")
	f.Write(bin.Bytes())
	p := filepath.Join(t.TempDir(), "heavy.glb")
	if err := os.WriteFile(p, f.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// sceneNodes lists node indices 0 to n-1, comma-separated.
func sceneNodes(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprint(&b, i)
	}
	return b.String()
}
