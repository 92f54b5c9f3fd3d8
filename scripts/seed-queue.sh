#!/usr/bin/env bash
# Creates the queue and its dead-letter queue at an SQS endpoint and sends one message per line of
# a JSON-lines file to the queue, ten at a time. docker-compose.yml's LocalStack runs it when it is
# ready; it works the same against ElasticMQ, any LocalStack >= 3, or real AWS.
#
#   scripts/seed-queue.sh ENDPOINT [FILE]
#     ENDPOINT  http(s)://host:port of the SQS server, or 'aws' for real AWS (default credential chain)
#     FILE      one message per line; default data/sample_messages.jsonl (the exercise's 100 logins)
#   Environment: QUEUE (default login-queue; the dead-letter queue is $QUEUE-dlq),
#     AWS_REGION (default us-east-1), AWS_CLI (default: aws, else awslocal).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
endpoint="${1:?usage: seed-queue.sh ENDPOINT|aws [FILE]}"
file="${2:-$here/../data/sample_messages.jsonl}"
queue="${QUEUE:-login-queue}"
export AWS_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
export AWS_DEFAULT_REGION="$AWS_REGION"
export AWS_PAGER=""

[ -r "$file" ] || { echo "seed-queue: cannot read $file" >&2; exit 1; }

cli=()
if [ -n "${AWS_CLI:-}" ]; then
  cli=("$AWS_CLI")
elif command -v aws >/dev/null 2>&1; then
  cli=(aws)
elif command -v awslocal >/dev/null 2>&1 && [ "$endpoint" != aws ]; then
  cli=(awslocal)
else
  echo "seed-queue: needs the AWS CLI (Debian: apt-get install awscli)" >&2
  exit 1
fi
if [ "$endpoint" != aws ]; then
  # A local server takes any credentials; real AWS uses the caller's own.
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
  export AWS_EC2_METADATA_DISABLED=true
  [ "${cli[0]}" = awslocal ] || cli+=(--endpoint-url "$endpoint")
fi
sqs() { "${cli[@]}" sqs "$@" --output text; }

# create-queue returns the existing queue when it already exists with the same attributes. The two
# calls run side by side, as do the sends below: the CLI's own start-up is what takes the time.
sqs create-queue --queue-name "$queue-dlq" --query QueueUrl >/dev/null &
dlq_pid=$!
url="$(sqs create-queue --queue-name "$queue" --query QueueUrl)"
wait "$dlq_pid" || { echo "seed-queue: could not create $queue-dlq" >&2; exit 1; }

# Write the batches of ten (SQS's limit per call) first, then send them in parallel.
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
n=0
batch=0
entries=""
write_batch() {
  [ "$batch" -gt 0 ] || return 0
  printf '[%s]' "$entries" >"$dir/batch-$n.json"
  echo "$batch" >"$dir/batch-$n.count"
  n=$((n + 1))
  batch=0
  entries=""
}
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%$'\r'}"
  [ -n "${line//[[:space:]]/}" ] || continue
  body="${line//\\/\\\\}"
  body="${body//\"/\\\"}"
  body="${body//$'\t'/\\t}"
  entries="${entries:+$entries,}{\"Id\":\"m$batch\",\"MessageBody\":\"$body\"}"
  batch=$((batch + 1))
  [ "$batch" -lt 10 ] || write_batch
done <"$file"
write_batch

for ((i = 0; i < n; i++)); do
  sqs send-message-batch --queue-url "$url" --entries "file://$dir/batch-$i.json" \
      --query 'length(Successful)' >"$dir/batch-$i.sent" 2>"$dir/batch-$i.err" &
done
wait
sent=0
for ((i = 0; i < n; i++)); do
  want="$(cat "$dir/batch-$i.count")"
  got="$(cat "$dir/batch-$i.sent")"
  if [ "$got" != "$want" ]; then
    echo "seed-queue: batch $i: ${got:-0} of $want messages accepted by $url" >&2
    cat "$dir/batch-$i.err" >&2
    exit 1
  fi
  sent=$((sent + want))
done
echo "seed-queue: sent $sent messages to $url (dead-letter queue $queue-dlq)"
