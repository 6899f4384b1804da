#!/bin/sh
# For scripts without promotion-gate: GitHub's CLI verifies the signed
# decision (cli.github.com/manual/gh_attestation_verify), jq reads it.
#   gh-attestation-verify.sh IMAGE@sha256:DIGEST [ENVIRONMENT] [MAX_AGE_SECONDS]
# Exit 0 only when the latest decision signed by promotion-gate's reusable
# gate.yml, in a run of acme/shop, for this environment, PASSED, and is
# recent. Replace OWNER, acme/shop and the tag as in kyverno.yaml.
#
# gh checks the signature, the certificate's issuer, --signer-workflow
# against its SAN (the called workflow) and --repo against its Source
# Repository URI (the caller); --predicate-type keeps only verification
# summaries. --signer-workflow accepts any ref of gate.yml; to hold one
# tag, give --cert-identity https://github.com/OWNER/promotion-gate/.github/workflows/gate.yml@refs/tags/v1
# instead. What it does not know is the predicate: jq takes the latest
# decision for this repository and environment and requires PASSED (a later
# block outvotes an earlier pass) and its age.
set -eu
image="$1"
environment="${2:-production}"
max_age="${3:-86400}"

gh attestation verify "oci://$image" \
  --repo acme/shop \
  --signer-workflow OWNER/promotion-gate/.github/workflows/gate.yml \
  --cert-oidc-issuer https://token.actions.githubusercontent.com \
  --predicate-type https://slsa.dev/verification_summary/v1 \
  --format json |
  jq -e --arg env "$environment" --argjson max_age "$max_age" '
    [ .[].verificationResult.statement.predicate
      | select(.resourceUri | startswith("git+https://github.com/acme/shop@"))
      | select(.resourceUri | endswith("#environment=" + ($env | @uri))) ]
    | sort_by(.timeVerified) | last
    | .verificationResult == "PASSED"
      and (.timeVerified | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601) > now - $max_age
  ' >/dev/null
