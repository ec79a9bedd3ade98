package api

import (
	"context"
	"fmt"
	"image"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/conun/conun/verifier"
)

// CheckRender is a checker's (or arbiter's) render of a spot check's crops,
// signed with its key over (job hash, task, crop windows, Hash) as
// contracts.SignedCheck: a lying checker is answerable for it.
type CheckRender struct {
	Node    string `json:"node"`
	Address string `json:"address"`
	// Build is its renderer build: who may re-render the crops to compare.
	Build string `json:"build"`
	// Hash is the sha256 of the PNG it answered (the tile's size, the
	// crops drawn), a blob of the coordinator that asked.
	Hash      string `json:"hash"`
	Signature string `json:"signature"` // 0x, 65 bytes, v = 27 or 28
}

// EvidenceBundle is everything another coordinator needs to re-check a
// conviction without trusting the coordinator that made it: the job's spec
// (its hash is what every signature names), the task's parameters, the
// accused's signed result and the checkers' signed crops. The tile and the
// crops are blobs (sha256) fetched from the coordinator at Source.
type EvidenceBundle struct {
	Job     string  `json:"job"`
	JobHash string  `json:"job_hash"` // 0x spec hash: the escrow's job id on a chain
	Spec    JobSpec `json:"spec"`
	// ChainID (decimal) and Escrow name the EIP-712 domain the signatures
	// are in: "0" and the zero address off a chain.
	ChainID     string `json:"chain_id"`
	Escrow      string `json:"escrow"`
	Coordinator string `json:"coordinator"` // its address
	Source      string `json:"source"`      // base URL that serves the blobs
	// Task is the checked task (its frame and tile follow from Spec);
	// Passes and AdaptiveSampling are how its tiles were rendered.
	Task             int      `json:"task"`
	Passes           []string `json:"passes,omitempty"`
	AdaptiveSampling bool     `json:"adaptive_sampling,omitempty"`
	// Build is the worker's renderer build: only the same release can
	// re-render its crops.
	Build string `json:"build"`
	// Accused is the convicted node's address: the worker, or a checker
	// whose crops the worker and the arbiter both contradicted.
	Accused     string `json:"accused"`
	AccusedNode string `json:"accused_node"`
	Worker      string `json:"worker"` // the worker's address
	WorkerNode  string `json:"worker_node"`
	// Tile is the worker's result (a blob, the hash its Result signs).
	Tile    string            `json:"tile"`
	Result  SignedResult      `json:"result"`
	Crops   []image.Rectangle `json:"crops"`
	Renders []CheckRender     `json:"renders"`
	// Verdict is the first coordinator's comparison of worker and checker.
	Verdict verifier.Verdict `json:"verdict"`
	Time    time.Time        `json:"time"`
}

// NoticeConviction is the Kind of a ConvictionNotice.
const NoticeConviction = "conviction"

// MaxNoticeBytes bounds a gossiped notice: it names the evidence, never
// carries it.
const MaxNoticeBytes = 1024

// ConvictionNotice is what a coordinator gossips when it convicts a node:
// who, in which job, and where the evidence bundle is (URL, and the sha256
// of its bytes). It is signed by the coordinator's key (Sig over
// SignedBytes); a receiver re-checks the evidence before it believes it.
type ConvictionNotice struct {
	Kind        string `json:"kind"`
	Job         string `json:"job"`
	Accused     string `json:"accused"`     // address
	Coordinator string `json:"coordinator"` // address
	URL         string `json:"url"`
	Hash        string `json:"hash"`
	Time        int64  `json:"time"` // unix milliseconds
	Nonce       string `json:"nonce"`
	Sig         string `json:"sig,omitempty"`
}

// SignedBytes is what Sig signs: the notice without its signature.
func (n ConvictionNotice) SignedBytes() []byte {
	return fmt.Appendf(nil, "conun-conviction\n%s\n%s\n%s\n%s\n%s\n%s\n%d\n%s",
		n.Kind, n.Job, n.Accused, n.Coordinator, n.URL, n.Hash, n.Time, n.Nonce)
}

// Blob writes the blob hash to w: a scene or tile the client may read
// (its own uploads; an admin any), such as a conviction's evidence.
func (c *Client) Blob(ctx context.Context, hash string, w io.Writer) error {
	return c.do(ctx, http.MethodGet, "/v1/blobs/"+url.PathEscape(hash), nil, w)
}
