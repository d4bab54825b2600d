package verify

import (
	"os"
	"path/filepath"
	"testing"
)

// TestVerifyRawBodies: bodies that are neither JSON nor a form (markdown
// text, an image, base64 text, a range of types) go out as they are,
// with their type, and arrive unchanged.
func TestVerifyRawBodies(t *testing.T) {
	needGo(t)
	spec := `openapi: 3.0.1
info: {title: Raw, version: '1.0'}
servers: [{url: 'https://api.example.com'}]
paths:
  /markdown/raw:
    post:
      operationId: renderRaw
      requestBody:
        required: true
        content:
          text/x-markdown:
            schema: {type: string}
      responses:
        '200':
          description: rendered
          content:
            text/html:
              schema: {type: string}
  /releases/{id}/assets:
    post:
      operationId: uploadAsset
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: name, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {type: object, properties: {id: {type: integer}}}
              examples:
                created: {value: {id: 7}}
  /playlists/{id}/images:
    put:
      operationId: uploadCover
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        content:
          image/jpeg:
            schema: {type: string, format: byte}
      responses:
        '202': {description: accepted}
  /files:
    put:
      operationId: putFile
      requestBody:
        content:
          '*/*':
            schema: {type: string, format: binary}
      responses:
        '204': {description: stored}
`
	path := filepath.Join(t.TempDir(), "raw.yaml")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := runFile(t, path)
	assertClean(t, rep)
	if rep.RequestsValid != rep.Requests || len(rep.InvalidExamples) != 0 {
		t.Errorf("requests valid %d of %d, invalid examples %v", rep.RequestsValid, rep.Requests, rep.InvalidExamples)
	}
}
