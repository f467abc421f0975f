{{- define "hybridvote.labels" -}}
app.kubernetes.io/part-of: hybridvote
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "hybridvote.connection" -}}
Host={{ .Values.database.host }};Port={{ .Values.database.port }};Database={{ .Values.database.name }};Username={{ .Values.database.user }};SSL Mode={{ .Values.database.sslmode | title }}
{{- end -}}
