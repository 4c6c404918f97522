#!/usr/bin/env bash
# Writes a large org import file for trying imports and measuring them:
#   eng/gen-orgs.sh [TOWNSHIPS] [UNITS_PER_TOWNSHIP] [PARENT_CODE] > big.csv
# Defaults: 100 townships x 500 units under the demo district YXQ (50,101 rows).
set -euo pipefail
towns=${1:-100}; units=${2:-500}; parent=${3:-YXQ}
echo "编码,名称,类型,上级编码"
echo "BIG,大县（测试）,government,$parent"
for ((t = 0; t < towns; t++)); do
  echo "BIG-T$t,乡镇$t,township,BIG"
  for ((o = 0; o < units; o++)); do echo "BIG-T$t-O$o,单位$t-$o,other,BIG-T$t"; done
done
