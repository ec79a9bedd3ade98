package farm_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// cutter is a transport that cuts the body of the first cuts uploads
// (PUTs) after limit bytes, as a dropped link does, and records where
// each PUT started.
type cutter struct {
	limit   int64
	cuts    int
	mu      sync.Mutex
	offsets []int64
}

func (c *cutter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodPut {
		return http.DefaultTransport.RoundTrip(req)
	}
	off, _ := strconv.ParseInt(req.Header.Get("Upload-Offset"), 10, 64)
	c.mu.Lock()
	c.offsets = append(c.offsets, off)
	cut := len(c.offsets) <= c.cuts
	c.mu.Unlock()
	if cut {
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(io.MultiReader(io.LimitReader(req.Body, c.limit), errReader{}))
	}
	return http.DefaultTransport.RoundTrip(req)
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("link dropped") }

// TestUploadResumes: an upload whose connection drops twice carries on
// from what the node already holds each time, never from the first byte,
// and the stored blob is exactly the data. Its progress counts the bytes
// going out, each try from where it starts, up to the whole blob.
func TestUploadResumes(t *testing.T) {
	n := farmtest.Start(t, 1, nil)[0]
	data := make([]byte, 3<<20)
	for i := range data {
		data[i] = byte(rand.IntN(256))
	}
	tr := &cutter{limit: 1 << 20, cuts: 2}
	c := api.NewClient(n.URL())
	c.HTTP = &http.Client{Transport: tr}
	var sent []int64 // what progress was told; a try starts where it does not grow
	h, err := c.UploadWith(context.Background(), data, func(n, total int64) {
		if total != int64(len(data)) || n < 0 || n > total {
			t.Errorf("progress %d of %d, uploading %d bytes", n, total, len(data))
		}
		sent = append(sent, n)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.offsets) != 3 || tr.offsets[0] != 0 || tr.offsets[1] == 0 || tr.offsets[2] <= tr.offsets[1] {
		t.Fatalf("PUTs started at %v: want 0, then further on each time", tr.offsets)
	}
	var starts []int64
	for i, n := range sent {
		if i == 0 || n <= sent[i-1] { // a try starts where the node says it holds
			starts = append(starts, n)
		}
	}
	if len(sent) < 6 || sent[len(sent)-1] != int64(len(data)) || !slices.Equal(starts, tr.offsets) {
		t.Fatalf("progress told %d times, last %d of %d, tries from %v: want tries from %v, ending at the whole blob", len(sent), sent[len(sent)-1], len(data), starts, tr.offsets)
	}
	t.Logf("PUTs started at %v of %d bytes", tr.offsets, len(data))
	if got := getBlob(t, n.URL(), h); !bytes.Equal(got, data) {
		t.Fatal("the stored blob differs from the uploaded data")
	}
}

// getBlob downloads blob h from a node.
func getBlob(t *testing.T, url, h string) []byte {
	t.Helper()
	resp, err := http.Get(url + "/v1/blobs/" + h)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("get blob: %s %v", resp.Status, err)
	}
	return b
}

// TestUploadRefusals: a resumed upload at the wrong offset is told where
// to start (409), content that does not hash to the name is refused and its
// bytes dropped (the next try starts from 0), and a length over the node's
// limit is refused before anything is stored.
func TestUploadRefusals(t *testing.T) {
	n := farmtest.Start(t, 1, nil)[0]
	put := func(h string, off, total int64, body []byte) (int, string, string) {
		req, _ := http.NewRequest(http.MethodPut, n.URL()+"/v1/blobs/"+h, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/octet-stream")
		req.Header.Set("Upload-Offset", strconv.FormatInt(off, 10))
		req.Header.Set("Upload-Length", strconv.FormatInt(total, 10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Upload-Offset"), string(b)
	}
	data := []byte(strings.Repeat("scene bytes ", 1000))
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])

	if code, off, body := put(h, 100, int64(len(data)), data[100:]); code != http.StatusConflict || off != "0" || !strings.Contains(body, "holds 0 bytes") {
		t.Fatalf("resume at 100 of nothing: %d, offset %q, %s", code, off, body)
	}
	if code, _, body := put(h, 0, 1<<40, data); code != http.StatusBadRequest || !strings.Contains(body, "limit") {
		t.Fatalf("a terabyte: %d %s", code, body)
	}
	forged := bytes.ToUpper(data)
	if code, _, body := put(h, 0, int64(len(forged)), forged); code != http.StatusBadRequest || !strings.Contains(body, "hashes to") {
		t.Fatalf("other content: %d %s", code, body)
	}
	if code, off, body := put(h, 0, int64(len(data)), data[:500]); code/100 == 2 || off != "500" {
		t.Fatalf("a short body: %d, offset %q, %s; want an error and 500 bytes kept", code, off, body)
	}
	if code, off, body := put(h, 500, int64(len(data)), data[500:]); code != http.StatusOK || off != strconv.Itoa(len(data)) {
		t.Fatalf("the rest: %d, offset %q, %s", code, off, body)
	}
	if got := getBlob(t, n.URL(), h); !bytes.Equal(got, data) {
		t.Fatal("the stored blob differs from the uploaded data")
	}
}

// TestUploadCutShortAnswers: a resumable PUT whose body ends before its
// length (the client's link dropped, or a client that sent a chunk) is the
// client's failure, not the node's: 400 with Upload-Offset saying how much
// the node kept, never 500; and a resumed PUT from there completes it.
func TestUploadCutShortAnswers(t *testing.T) {
	n := farmtest.Start(t, 1, nil)[0]
	data := bytes.Repeat([]byte("conun"), 200) // 1000 bytes
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	tests := []struct {
		name    string
		length  string // Content-Length sent
		send    []byte // body bytes actually sent before the write side closes
		offset  int
		status  int
		holding int
	}{
		{"body shorter than its Content-Length", "1000", data[:400], 0, http.StatusBadRequest, 400},
		{"a chunk that stops short of the upload", "200", data[400:600], 400, http.StatusBadRequest, 600},
		{"the rest", "400", data[600:], 600, http.StatusOK, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := strings.TrimPrefix(n.URL(), "http://")
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "PUT /v1/blobs/%s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/octet-stream\r\nContent-Length: %s\r\nUpload-Offset: %d\r\nUpload-Length: %d\r\n\r\n",
				h, addr, tt.length, tt.offset, len(data))
			conn.Write(tt.send)
			conn.(*net.TCPConn).CloseWrite()
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || resp.Header.Get("Upload-Offset") != strconv.Itoa(tt.holding) {
				t.Fatalf("%s, Upload-Offset %q (%s): want %d and %d", resp.Status, resp.Header.Get("Upload-Offset"), body, tt.status, tt.holding)
			}
		})
	}
	if got := getBlob(t, n.URL(), h); !bytes.Equal(got, data) {
		t.Fatal("the stored blob differs from the uploaded data")
	}
}
