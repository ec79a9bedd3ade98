package farm

// Resumable uploads, as the client API serves them (the store's side is
// blobstore/upload.go). A studio's scene can be gigabytes, sent over links
// that drop: an upload cut short keeps what arrived on the node, and the
// client carries on from there instead of from the first byte.
//
//	GET /v1/uploads/{hash}   {"received": N, "complete": false}
//	PUT /v1/blobs/{hash}     with Upload-Offset: N and Upload-Length: TOTAL
//
// The PUT appends its body at N, which must be exactly what the node holds
// (409 with the node's count otherwise), and TOTAL the length the upload
// started with (409 naming both otherwise, the bytes held kept). Each
// client (uploadClient) has its own partial of a blob, so no client can
// disturb another's upload. A new
// upload must fit the quotas of partial uploads per client and per node
// (NodeConfig.Uploads): 429 names the client's, 507 the node's. Once
// TOTAL bytes are in, the whole is checked against the hash and stored
// like any blob. A PUT without the headers sends the whole blob at once,
// as before.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
)

// putUpload is PUT /v1/blobs/{hash} with Upload-Offset and Upload-Length.
func (n *Node) putUpload(rw http.ResponseWriter, r *http.Request) {
	offset, err1 := strconv.ParseInt(r.Header.Get(api.HeaderUploadOffset), 10, 64)
	total, err2 := strconv.ParseInt(r.Header.Get(api.HeaderUploadLength), 10, 64)
	if err1 != nil || err2 != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("%s and %s must both be byte counts", api.HeaderUploadOffset, api.HeaderUploadLength))
		return
	}
	h := r.PathValue("hash")
	have, done, err := n.work.blobs.PutAt(r.Body, h, uploadClient(r), offset, total)
	rw.Header().Set(api.HeaderUploadOffset, strconv.FormatInt(have, 10))
	if err != nil {
		if errors.Is(err, blobstore.ErrBadBlob) {
			n.metrics.blobHashErrors.Add(1)
		}
		httpError(rw, uploadStatus(err), err)
		return
	}
	writeJSON(rw, map[string]any{"hash": h, "received": have, "complete": done})
}

// uploadStatus maps an upload's error to the HTTP status a client should
// see.
func uploadStatus(err error) int {
	var quota *blobstore.QuotaError
	switch {
	case errors.Is(err, blobstore.ErrUploadOffset), errors.Is(err, blobstore.ErrUploadLength):
		return http.StatusConflict
	case errors.As(err, &quota) && quota.Client != "":
		// The client's own quota: it may go on once it finishes or
		// abandons an upload of its own.
		return http.StatusTooManyRequests
	case errors.As(err, &quota):
		return http.StatusInsufficientStorage
	case errors.Is(err, io.ErrUnexpectedEOF):
		// The body ended before its length: the client's link, not the
		// node, failed. What arrived is kept (Upload-Offset says how much).
		return http.StatusBadRequest
	case errors.Is(err, os.ErrDeadlineExceeded):
		return http.StatusRequestTimeout // the body read deadline (httplimit)
	}
	return statusOf(err)
}

// uploadClient names the client an upload's quota is counted against:
// the token it presents, when it presents one (hashed: the name is shown
// in errors and stored beside the partial), else its source address.
// With the node's one shared token every holder of it counts as one
// client; tokens per client make each its own. Without a token (the
// loopback API) the source address is all there is: every local program
// then shares one quota, and the node's total bounds the rest.
func uploadClient(r *http.Request) string {
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && tok != "" {
		sum := sha256.Sum256([]byte(tok))
		return "token-" + hex.EncodeToString(sum[:6])
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// getUpload is GET /v1/uploads/{hash}: how much of a blob the node holds.
func (n *Node) getUpload(rw http.ResponseWriter, r *http.Request) {
	have, complete, err := n.work.blobs.Received(r.PathValue("hash"), uploadClient(r))
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	writeJSON(rw, api.UploadState{Received: have, Complete: complete})
}
