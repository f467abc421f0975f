{{- define "hybridvote.labels" -}}
app.kubernetes.io/part-of: hybridvote
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "hybridvote.connection" -}}
Host={{ include "hybridvote.databaseHost" . }};Port={{ .Values.database.port }};Database={{ .Values.database.name }};Username={{ .Values.database.user }};SSL Mode={{ .Values.database.sslmode | title }}
{{- end -}}

{{/* The database host: the chart's own PgBouncer pooler unless another is named. */}}
{{- define "hybridvote.databaseHost" -}}
{{- if .Values.database.host }}{{ .Values.database.host }}{{ else }}{{ .Release.Name }}-pooler-rw{{ end }}
{{- end -}}

{{/* The Redis configuration: the chart's Sentinels (the client asks them for the primary) unless another is named. */}}
{{- define "hybridvote.redis" -}}
{{- if .Values.redis.configuration }}{{ .Values.redis.configuration }}{{ else -}}
{{- $r := . -}}
{{- range $i := until (int .Values.redis.sentinel.replicas) }}{{ $r.Release.Name }}-valkey-{{ $i }}.{{ $r.Release.Name }}-valkey-headless:26379,{{ end -}}
serviceName={{ .Values.redis.sentinel.masterName }},abortConnect=false
{{- end }}
{{- end -}}
