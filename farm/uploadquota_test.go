package farm_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/farmtest"
)

// randomBlob is n random bytes and their hash.
func randomBlob(n int) ([]byte, string) {
	data := make([]byte, n)
	rand.Read(data)
	sum := sha256.Sum256(data)
	return data, hex.EncodeToString(sum[:])
}

// putPart sends body as the part of a resumable upload of blob h starting
// at off, of length total, from the source IP from.
func putPart(t *testing.T, base, from, h string, off, total int64, body []byte) (int, string, string) {
	t.Helper()
	_, tr := clientFrom(base, from)
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest(http.MethodPut, base+"/v1/blobs/"+h, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/octet-stream") // as the client says (apiguard.go)
	req.Header.Set("Upload-Offset", strconv.FormatInt(off, 10))
	req.Header.Set("Upload-Length", strconv.FormatInt(total, 10))
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Upload-Offset"), string(b)
}

// TestUploadQuotasOverHTTP: partial uploads are counted per client (here
// by source address, as on the loopback API without a token) and per
// node; one over a quota is refused with 429 (its client's) or 507 (the
// node's) naming it; a PUT that changes its upload's length is refused
// with 409, another client's PUT cannot reach the owner's bytes, and the
// owner finishes.
func TestUploadQuotasOverHTTP(t *testing.T) {
	n := farmtest.Start(t, 1, func(_ int, c *farm.NodeConfig) {
		c.Uploads = blobstore.Quota{PerClientCount: 2, PerClientBytes: 100_000, TotalCount: 3, OverQuotaExpiry: time.Hour}
	})[0]
	const a, b, c = "127.0.0.2", "127.0.0.3", "127.0.0.4"
	blobs := map[string][]byte{}
	hashes := map[string]string{}
	for name, size := range map[string]int{"a1": 10_000, "a2": 10_000, "a3": 10_000, "b-big": 200_000, "b1": 10_000, "c1": 10_000} {
		blobs[name], hashes[name] = randomBlob(size)
	}
	tests := []struct {
		name, from, blob string
		off, total, end  int64 // the part sent is blob[off:end]
		wantCode         int   // 0: any error status, the part kept
		wantBody         string
	}{
		{"a starts one", a, "a1", 0, 10_000, 5_000, 0, ""},
		{"a starts two", a, "a2", 0, 10_000, 5_000, 0, ""},
		{"a's third is over its count", a, "a3", 0, 10_000, 5_000, http.StatusTooManyRequests, "client 127.0.0.2 holds 2 partial uploads, the limit is 2"},
		{"b declares more than its bytes", b, "b-big", 0, 200_000, 5_000, http.StatusTooManyRequests, "client 127.0.0.3 holds 0 bytes of partial uploads, the limit is 100000"},
		{"b starts one", b, "b1", 0, 10_000, 5_000, 0, ""},
		{"c is over the node's count", c, "c1", 0, 10_000, 5_000, http.StatusInsufficientStorage, "the node holds 3 partial uploads, the limit is 3"},
		{"a changes its length", a, "a1", 5_000, 5_000, 5_000, http.StatusConflict, "was started with Upload-Length 10000, not 5000"},
		{"b at a's offset finds none of a's bytes", b, "a1", 5_000, 10_000, 10_000, http.StatusConflict, "the node holds 0 bytes"},
		{"a finishes its first", a, "a1", 5_000, 10_000, 10_000, http.StatusOK, `"complete":true`},
		{"c now fits", c, "c1", 0, 10_000, 5_000, 0, ""},
	}
	for _, tc := range tests {
		code, off, body := putPart(t, n.URL(), tc.from, hashes[tc.blob], tc.off, tc.total, blobs[tc.blob][tc.off:tc.end])
		switch {
		case tc.wantCode == 0 && (code/100 == 2 || off != strconv.FormatInt(tc.end, 10)):
			t.Fatalf("%s: %d, offset %q, %s; want an error and %d bytes kept", tc.name, code, off, body, tc.end)
		case tc.wantCode != 0 && (code != tc.wantCode || !strings.Contains(body, tc.wantBody)):
			t.Fatalf("%s: %d %s; want %d naming %q", tc.name, code, body, tc.wantCode, tc.wantBody)
		}
		t.Logf("%s: %d %s", tc.name, code, strings.TrimSpace(body))
	}
	if got := getBlob(t, n.URL(), hashes["a1"]); !bytes.Equal(got, blobs["a1"]) {
		t.Fatal("a's finished blob differs from its data")
	}
}

// envNodeDir makes this test binary a node process on that data dir.
const envNodeDir = "CONUN_TEST_NODE_DIR"

// TestHelperNode is a node in a process of its own, for a test to kill: it
// prints its API URL and serves until killed.
func TestHelperNode(t *testing.T) {
	dir := os.Getenv(envNodeDir)
	if dir == "" {
		return // not the helper
	}
	c := farm.DefaultNodeConfig()
	c.DataDir = dir
	c.Renderers = farmtest.Renderers()
	c.Gossip.Fast = true
	n, err := farm.StartNode(context.Background(), c)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println(n.URL())
	select {}
}

// TestKilledPutCleanedAtRestart: a node killed (SIGKILL) while a
// whole-blob PUT streams in leaves that PUT's .incoming file behind; the
// node started again on the same data removes it, and keeps the partial
// of a resumable upload, which then finishes.
func TestKilledPutCleanedAtRestart(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperNode$")
	cmd.Env = append(os.Environ(), envNodeDir+"="+dir)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "http://") {
		t.Fatalf("the node process did not start: %q", sc.Text())
	}
	base := sc.Text()

	resumable, rh := randomBlob(50_000)
	if code, off, body := putPart(t, base, "127.0.0.1", rh, 0, 50_000, resumable[:20_000]); code/100 == 2 || off != "20000" {
		t.Fatalf("first part: %d, offset %q, %s", code, off, body)
	}
	whole, wh := randomBlob(4 << 20)
	pr, pw := io.Pipe()
	go func() {
		req, _ := http.NewRequest(http.MethodPut, base+"/v1/blobs/"+wh, pr)
		req.ContentLength = int64(len(whole))
		req.Header.Set("Content-Type", "application/octet-stream")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	pw.Write(whole[:1<<20]) // the rest never comes: the node dies first
	incoming := func() []string {
		ms, _ := filepath.Glob(filepath.Join(dir, "blobs", ".incoming-*"))
		return ms
	}
	farmtest.Until(t, "the whole-blob PUT writing its .incoming file", func() bool {
		ms := incoming()
		if len(ms) == 0 {
			return false
		}
		fi, err := os.Stat(ms[0])
		return err == nil && fi.Size() > 0
	})
	cmd.Process.Kill()
	cmd.Wait()
	pw.CloseWithError(io.ErrUnexpectedEOF)
	left := incoming()
	if len(left) == 0 {
		t.Fatal("the killed node left no .incoming file: this test no longer reproduces the leak")
	}
	t.Logf("the killed node left %s", filepath.Base(left[0]))

	n := farmtest.Start(t, 1, func(_ int, c *farm.NodeConfig) { c.DataDir = dir })[0]
	if ms := incoming(); len(ms) > 0 {
		t.Fatalf("after the restart %v is still there", ms)
	}
	if code, off, body := putPart(t, n.URL(), "127.0.0.1", rh, 20_000, 50_000, resumable[20_000:]); code != http.StatusOK || off != "50000" {
		t.Fatalf("the resumable upload after the restart: %d, offset %q, %s", code, off, body)
	}
}
