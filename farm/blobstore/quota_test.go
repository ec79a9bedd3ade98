package blobstore

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// partialUpload is an upload a test leaves half done.
type partialUpload struct {
	client string
	length int64
	idle   time.Duration // how long ago its bytes last changed
}

// startUpload sends the first half of a random blob of u.length bytes as
// u.client and returns its uploadID.
func startUpload(t *testing.T, b *Blobs, u partialUpload) string {
	t.Helper()
	data := make([]byte, u.length)
	rand.Read(data)
	h := hashOf(data)
	have, done, err := b.PutAt(bytes.NewReader(data[:u.length/2]), h, u.client, 0, u.length)
	if done || have != u.length/2 || err == nil {
		t.Fatalf("half of upload %+v: held %d, done %v, err %v", u, have, done, err)
	}
	if u.idle > 0 {
		old := time.Now().Add(-u.idle)
		os.Chtimes(b.partialPath(uploadID(h, u.client)), old, old)
	}
	return uploadID(h, u.client)
}

// TestUploadQuotas: a new partial upload over a quota per client or in
// total is refused with the quota named, other clients are not counted
// against one's own, and idle partials give way when over quota.
func TestUploadQuotas(t *testing.T) {
	tests := []struct {
		name      string
		quota     Quota
		before    []partialUpload
		client    string
		length    int64
		want      *QuotaError // nil: admitted
		droppedAt []int       // indexes of before dropped to make room
	}{
		{"under every quota", DefaultQuota(), []partialUpload{{"a", 1000, 0}}, "a", 1000, nil, nil},
		{"client count", Quota{PerClientCount: 2}, []partialUpload{{"a", 100, 0}, {"a", 100, 0}}, "a", 100,
			&QuotaError{Client: "a", Count: true, Limit: 2, Held: 2, Asked: 1}, nil},
		{"another client's count is not mine", Quota{PerClientCount: 2}, []partialUpload{{"a", 100, 0}, {"a", 100, 0}}, "b", 100, nil, nil},
		{"client bytes", Quota{PerClientBytes: 1000}, []partialUpload{{"a", 600, 0}, {"b", 600, 0}}, "a", 500,
			&QuotaError{Client: "a", Limit: 1000, Held: 600, Asked: 500}, nil},
		{"node count", Quota{TotalCount: 3}, []partialUpload{{"a", 100, 0}, {"b", 100, 0}, {"c", 100, 0}}, "d", 100,
			&QuotaError{Count: true, Limit: 3, Held: 3, Asked: 1}, nil},
		{"node bytes", Quota{TotalBytes: 1000}, []partialUpload{{"a", 400, 0}, {"b", 400, 0}}, "c", 300,
			&QuotaError{Limit: 1000, Held: 800, Asked: 300}, nil},
		{"idle partial gives way", Quota{PerClientCount: 1, OverQuotaExpiry: time.Hour}, []partialUpload{{"a", 100, 2 * time.Hour}}, "a", 100, nil, []int{0}},
		{"busy partial stays", Quota{PerClientCount: 1, OverQuotaExpiry: time.Hour}, []partialUpload{{"a", 100, time.Minute}}, "a", 100,
			&QuotaError{Client: "a", Count: true, Limit: 1, Held: 1, Asked: 1, Expiry: time.Hour}, nil},
		{"only as many give way as needed: all idle ones", Quota{TotalCount: 2, OverQuotaExpiry: time.Hour},
			[]partialUpload{{"a", 100, 3 * time.Hour}, {"b", 100, 0}}, "c", 100, nil, []int{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Open(t.TempDir(), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			b.SetQuota(tc.quota)
			var held []string
			for _, u := range tc.before {
				held = append(held, startUpload(t, b, u))
			}
			data := make([]byte, tc.length)
			rand.Read(data)
			_, _, err = b.PutAt(bytes.NewReader(data), hashOf(data), tc.client, 0, tc.length)
			var qe *QuotaError
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != nil && !errors.As(err, &qe):
				t.Fatalf("err %v, want %+v", err, *tc.want)
			case tc.want != nil && *qe != *tc.want:
				t.Fatalf("quota error %+v, want %+v", *qe, *tc.want)
			case tc.want != nil:
				t.Logf("refused: %v", err)
			}
			if tc.want == nil {
				if _, ok := b.Path(hashOf(data)); !ok {
					t.Fatal("the admitted upload is not stored")
				}
			}
			for i, h := range held {
				_, err := os.Stat(b.partialPath(h))
				dropped := errors.Is(err, os.ErrNotExist)
				want := false
				for _, d := range tc.droppedAt {
					want = want || d == i
				}
				if dropped != want {
					t.Errorf("partial %d (%+v): dropped %v, want %v", i, tc.before[i], dropped, want)
				}
			}
		})
	}
}

// TestUploadLengthChange: a PUT that names another Upload-Length than its
// upload started with is refused, and another client's PUTs (any length,
// at the owner's offset) reach a partial of their own: the owner's bytes
// stay, and it finishes.
func TestUploadLengthChange(t *testing.T) {
	b, err := Open(t.TempDir(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	b.SetQuota(DefaultQuota())
	data := make([]byte, 1000)
	rand.Read(data)
	h := hashOf(data)
	if have, _, _ := b.PutAt(bytes.NewReader(data[:400]), h, "owner", 0, 1000); have != 400 {
		t.Fatalf("first part: held %d, want 400", have)
	}
	tests := []struct {
		client   string
		length   int64
		wantErr  error
		wantHave int64 // what the node says the client holds
	}{
		{"owner", 400, ErrUploadLength, 400},
		{"owner", 999, ErrUploadLength, 400},
		{"owner", 5000, ErrUploadLength, 400},
		{"intruder", 400, ErrUploadOffset, 0},
		{"intruder", 1000, ErrUploadOffset, 0},
	}
	for _, tc := range tests {
		have, done, err := b.PutAt(bytes.NewReader(make([]byte, 600)), h, tc.client, 400, tc.length)
		if !errors.Is(err, tc.wantErr) || have != tc.wantHave || done {
			t.Fatalf("%s with Upload-Length %d: held %d, done %v, err %v; want %v and %d held", tc.client, tc.length, have, done, err, tc.wantErr, tc.wantHave)
		}
	}
	if got, _, _ := b.Received(h, "owner"); got != 400 {
		t.Fatalf("after the refusals the node holds %d bytes of the owner's, want 400", got)
	}
	if have, done, err := b.PutAt(bytes.NewReader(data[400:]), h, "owner", 400, 1000); err != nil || !done || have != 1000 {
		t.Fatalf("the rest: held %d, done %v, err %v", have, done, err)
	}
	if _, err := os.Stat(b.uploadPath(uploadID(h, "owner"))); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the finished upload's meta is still there: %v", err)
	}
	if got, done, _ := b.Received(h, "intruder"); !done || got != 1000 {
		t.Fatalf("once whole, the blob is everyone's: the intruder is told %d, complete %v", got, done)
	}
}

// TestLeftoversCleanedAtOpen: what crashes and abandoned transfers leave
// in a store is gone once it opens again, and nothing else is.
func TestLeftoversCleanedAtOpen(t *testing.T) {
	dir := t.TempDir()
	blob := []byte("a stored scene")
	stored := hashOf(blob)
	h := func(s string) string { return hashOf([]byte(s)) }
	week := 8 * 24 * time.Hour
	files := []struct {
		name string
		age  time.Duration
		kept bool
	}{
		{".incoming-1234567", 0, false},                                           // a whole-blob PUT cut by a crash
		{".incoming-89", time.Minute, false},                                      // another
		{".partial-" + h("old"), week, false},                                     // abandoned past its expiry
		{".upload-" + h("old"), week, false},                                      // and its meta
		{".partial-" + h("fresh"), 0, true},                                       // an upload to resume
		{".upload-" + h("fresh"), 0, true},                                        // and its meta
		{".partial-" + h("fetch"), time.Hour, true},                               // a peer fetch to resume
		{".partial-" + h("stale fetch"), 2 * 24 * time.Hour, false},               // one past downloadMaxAge
		{".partial-" + h("stale pieces") + ".pieces", 2 * 24 * time.Hour, false},  // in pieces, too
		{".partial-" + uploadID(h("slow upload"), "a"), 2 * 24 * time.Hour, true}, // an upload keeps partialMaxAge
		{".upload-" + h("orphan"), 0, false},                                      // meta whose partial is gone
		{"named/" + h("evicted") + ".gltf", 0, false},                             // link to an evicted blob
		{stored, 0, true},
		{"named/" + stored + ".gltf", 0, true},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		data := []byte("leftover")
		if f.name == stored {
			data = blob
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if f.age > 0 {
			old := time.Now().Add(-f.age)
			os.Chtimes(p, old, old)
		}
	}
	os.WriteFile(filepath.Join(dir, ".upload-"+h("fresh")), []byte(`{"length":100,"client":"a"}`), 0o644)
	if _, err := Open(dir, 1<<20); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		if kept := err == nil; kept != f.kept {
			t.Errorf("%s (age %v): kept %v, want %v", f.name, f.age, kept, f.kept)
		}
	}
}

// FuzzUploadMeta: the meta beside a partial upload is read back from
// disk after crashes; no bytes there may panic, and what decodes has a
// length the store can use.
func FuzzUploadMeta(f *testing.F) {
	f.Add([]byte(`{"length":1000,"client":"127.0.0.1"}`))
	f.Add([]byte(`{"length":-1,"client":""}`))
	f.Add([]byte(`{"length":1e30}`))
	f.Add([]byte(`{"length":10`)) // cut by a crash mid-write
	f.Fuzz(func(t *testing.T, data []byte) {
		var m uploadMeta
		if decodeUploadMeta(data, &m) == nil && m.Length < 0 {
			t.Fatalf("%q decoded to length %d", data, m.Length)
		}
	})
}

// TestWholeUploadCounts: a whole-blob upload counts against the quotas
// while it streams in (its temporary file holds as much disk as a
// partial), and stops counting once it ends.
func TestWholeUploadCounts(t *testing.T) {
	b, err := Open(t.TempDir(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	b.SetQuota(Quota{PerClientCount: 1, TotalBytes: 1 << 20})
	whole := make([]byte, 1000)
	rand.Read(whole)
	pr, pw := io.Pipe()
	done := make(chan error)
	go func() {
		_, err := b.PutFor(pr, hashOf(whole), "a", -1) // unknown length: counted as 1 MiB
		done <- err
	}()
	pw.Write(whole[:10]) // it streams in
	tests := []struct {
		client string
		want   QuotaError
	}{
		{"a", QuotaError{Client: "a", Count: true, Limit: 1, Held: 1, Asked: 1}},
		{"b", QuotaError{Limit: 1 << 20, Held: 1 << 20, Asked: 100}},
	}
	for _, tc := range tests {
		data := make([]byte, 100)
		rand.Read(data)
		_, _, err := b.PutAt(bytes.NewReader(data), hashOf(data), tc.client, 0, 100)
		var qe *QuotaError
		if !errors.As(err, &qe) || *qe != tc.want {
			t.Fatalf("client %s during a whole upload: %v, want %+v", tc.client, err, tc.want)
		}
	}
	pw.Write(whole[10:])
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	data := make([]byte, 100)
	rand.Read(data)
	if _, done, err := b.PutAt(bytes.NewReader(data), hashOf(data), "a", 0, 100); err != nil || !done {
		t.Fatalf("after the whole upload ended: done %v, %v", done, err)
	}
	// A declared length over the store's limit is refused before reading.
	body := &countingReader{}
	if _, err := b.PutFor(body, "", "a", 2<<20); !errors.Is(err, ErrBadBlob) || body.n != 0 {
		t.Fatalf("a 2 MiB whole upload to a 1 MiB store: %v after reading %d bytes", err, body.n)
	}
}

// countingReader is an endless body that counts what was read of it.
type countingReader struct{ n int }

func (c *countingReader) Read(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}

// FuzzPutAt: whatever another client sends for the same blob (any offset,
// any length, the right bytes or garbage; first, or in the middle), the
// owner, resuming from what the store says it holds, ends with exactly its
// blob stored, and nothing panics.
func FuzzPutAt(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{75, 200, 50, 0})                 // the right bytes at the right place
	f.Add([]byte{75, 200, 50, 1})                 // garbage at the right place
	f.Add([]byte{75, 60, 0, 0})                   // a shorter length
	f.Add([]byte{250, 200, 255, 1, 0, 200, 1, 0}) // past the end, then at 0
	f.Add([]byte{75, 200, 255, 1, 75, 200, 255, 0, 75, 200, 255, 1})
	data := make([]byte, 1000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	h := hashOf(data)
	f.Fuzz(func(t *testing.T, ops []byte) {
		b, err := Open(t.TempDir(), 4096)
		if err != nil {
			t.Fatal(err)
		}
		b.SetQuota(Quota{PerClientCount: 4})
		intrude := func(ops []byte) {
			for ; len(ops) >= 4; ops = ops[4:] {
				off := int64(ops[0]) * 4 // 0-1020: inside the blob and past it
				length := int64(len(data))
				if ops[1] < 128 {
					length = int64(ops[1]) * 8
				}
				body := make([]byte, int(ops[2])*4)
				if ops[3]&1 == 0 && off < int64(len(data)) {
					body = data[off:min(int(off)+len(body), len(data))]
				}
				b.PutAt(bytes.NewReader(body), h, "intruder", off, length)
			}
		}
		// The intruder acts before the owner starts and while it uploads.
		half := len(ops) / 8 * 4
		intrude(ops[:half])
		b.PutAt(bytes.NewReader(data[:300]), h, "owner", 0, int64(len(data)))
		intrude(ops[half:])
		// The owner resumes from what the store holds: garbage that the
		// intruder appended fails the hash once, and the next try starts
		// over from nothing.
		for try := 0; try < 3; try++ {
			have, complete, err := b.Received(h, "owner")
			if err != nil {
				t.Fatal(err)
			}
			if complete {
				break
			}
			b.PutAt(bytes.NewReader(data[have:]), h, "owner", have, int64(len(data)))
		}
		p, ok := b.Path(h)
		if !ok {
			t.Fatal("the owner's upload never completed")
		}
		if got, _ := os.ReadFile(p); !bytes.Equal(got, data) {
			t.Fatal("the stored blob is not the owner's")
		}
	})
}
