"""The Korean catalog of the pure core: findings, rule texts, the catalog, the command line.

Keys are the English texts (templates with ``str.format`` fields, as the code writes them);
values the Korean, with the same fields. Written as an AWS architect in Seoul writes for
colleagues: AWS Korea's own service names (람다, 서브넷, 보안 그룹, 가용 영역...), product
names that AWS keeps in English (DynamoDB, SQS, CloudFront...) kept so, and the facts of the
seed note unchanged. A field is never followed by a particle that depends on how the value
ends (이/가, 을/를): the sentences put it before 의, 에, 에서, a colon or a noun.

``tests/i18n`` checks that every text the code can make has its Korean here, with the same
fields.
"""

from __future__ import annotations

#: English template -> Korean template.
MESSAGES: dict[str, str] = {
    # --- Words and glue shared by several messages ---------------------------------------
    "{a} and {b}": "{a}, {b}",
    "{a} or {b}": "{a} 또는 {b}",
    "{ids} and {more} more": "{ids} 외 {more}개",
    "no region": "리전 없음",
    "(none)": "(없음)",
    "client {name}": "클라이언트 {name}",
    "API {name}": "API {name}",
    "CloudFront distribution {name}": "CloudFront 배포 {name}",
    "CloudFront {name}": "CloudFront {name}",
    "edge-optimized API {name}": "엣지 최적화 API {name}",
    "edge-optimized {name}": "엣지 최적화 {name}",
    # --- Limits (builder/rules/limits.py) -----------------------------------------------------
    "{name} is {value}{unit}": "{name} 값이 {value}{unit}",
    "{name} takes {value:,} bytes of keys and values": "{name}의 키와 값이 {value:,}바이트",
    "{name} has {value} item": "{name}에 항목 {value}개",
    "{name} has {value} items": "{name}에 항목 {value}개",
    "{node}: {what}; {limit}": "{node}: {what}; {limit}",
    "{node}: {parts}": "{node}: {parts}",
    "{what} ({limit})": "{what} ({limit})",
    # --- Lambda ---------------------------------------------------------------------------------
    "{fn}: its container image does not implement the Lambda Runtime API": (
        "{fn}: 컨테이너 이미지가 Lambda Runtime API를 구현하지 않습니다"
    ),
    "Build on an AWS Lambda base image or add a runtime interface client; otherwise run it on Fargate.": (
        "AWS Lambda 기본 이미지를 바탕으로 빌드하거나 런타임 인터페이스 클라이언트(RIC)를 추가하세요. "
        "그렇게 할 수 없다면 Fargate에서 실행하세요."
    ),
    "reserved concurrency in {region} adds up to {total:,} over {count} functions ({shown}); {limit}": (
        "{region} 리전의 예약된 동시성이 함수 {count}개({shown})에 걸쳐 합계 {total:,}입니다. {limit}"
    ),
    # --- Networking -----------------------------------------------------------------------------
    "internal {alb}": "내부 {alb}",
    "{fn} is outside every VPC but connects to {target}, which is reachable only from inside its VPC": (
        "{fn}: 어느 VPC에도 속하지 않은 함수가 {target}에 연결됩니다. 이 리소스는 해당 VPC 안에서만 접근할 수 있습니다"
    ),
    "Put the function in private subnets of the VPC (with a security group the target allows).": (
        "함수를 그 VPC의 프라이빗 서브넷에 연결하세요(대상이 허용하는 보안 그룹과 함께)."
    ),
    "{fn} is in {subnet} but has no security_groups": "{fn}: {subnet}에 있지만 security_groups가 비어 있습니다",
    "Add a security group (e.g. sg-lambda) and allow it in the targets' security groups.": (
        "보안 그룹(예: sg-lambda)을 추가하고, 대상 리소스의 보안 그룹에서 그 그룹의 인바운드를 허용하세요."
    ),
    "VPC {vpc}": "VPC {vpc}",
    "subnet {subnet} (in no VPC)": "서브넷 {subnet}(VPC 밖)",
    "{fn} calls {target} ({service}) from {where}, which has neither a NAT gateway nor a VPC endpoint for {service}": (
        "{fn}: {where}에서 {target}({service})을(를) 호출하지만, 그곳에는 NAT 게이트웨이도 {service}용 VPC "
        "엔드포인트도 없습니다"
    ),
    "Add an aws.vpc_endpoint with service {service} to the VPC, or a NAT gateway in a public subnet.": (
        "VPC에 service가 {service}인 aws.vpc_endpoint를 추가하거나, 퍼블릭 서브넷에 NAT 게이트웨이를 두세요."
    ),
    "{fn} connects to {db} directly": "{fn}: {db}에 직접 연결합니다",
    "Put an rds.proxy between the function and the database: function -> proxy -> database.": (
        "함수와 데이터베이스 사이에 rds.proxy를 두세요: 함수 -> 프록시 -> 데이터베이스."
    ),
    "{node} is not inside a subnet": "{node}: 서브넷 안에 있지 않습니다",
    "Move it into a private subnet of its VPC.": "해당 VPC의 프라이빗 서브넷 안으로 옮기세요.",
    "a region is a top-level container: it cannot sit inside another container": (
        "리전은 최상위 컨테이너이므로 다른 컨테이너 안에 둘 수 없습니다"
    ),
    "a VPC sits at the top level or in a region, never inside a subnet or another VPC": (
        "VPC는 최상위나 리전 안에 두며, 서브넷이나 다른 VPC 안에는 둘 수 없습니다"
    ),
    "a subnet belongs directly to a VPC": "서브넷은 VPC 바로 안에 속해야 합니다",
    "AWS does not nest it there": "AWS에서는 그렇게 중첩할 수 없습니다",
    "at the top level": "최상위",
    "inside {parent}": "{parent} 안",
    "in a region": "리전 안",
    "in a VPC": "VPC 안",
    "in a subnet": "서브넷 안",
    "in a {visibility} subnet": "{visibility} 서브넷 안",
    "{node} is {where}: {reason}": "{node}의 위치가 {where}입니다: {reason}",
    "Move it: region > VPC > subnet.": "리전 > VPC > 서브넷 순서로 옮기세요.",
    "{node} is inside {inside}, but it is a global service that no VPC contains": (
        "{node}: {inside} 안에 있지만, 어떤 VPC에도 들어가지 않는 글로벌 서비스입니다"
    ),
    "Move it out of the VPC; connect it to the VPC's entry point (ALB, API Gateway) instead.": (
        "VPC 밖으로 옮기고, 대신 VPC의 진입점(ALB, API Gateway)에 연결하세요."
    ),
    "{node} is {where}; AWS places it {allowed}": "{node}의 위치가 {where}입니다. AWS에서는 {allowed}에 배치합니다",
    "{node} is in {parent}, whose {prop} is {value}; AWS places it {allowed}": (
        "{node}: {prop} 값이 {value}인 {parent}에 있습니다. AWS에서는 {allowed}에 배치합니다"
    ),
    "Move it {allowed}.": "{allowed}에 두세요.",
    # --- Edge -------------------------------------------------------------------------------------
    "{fn} is in {region}; Lambda@Edge functions must be created in us-east-1": (
        "{fn}의 리전이 {region}입니다. Lambda@Edge 함수는 us-east-1에서 생성해야 합니다"
    ),
    "Set region to us-east-1: CloudFront replicates the function to every edge location from there.": (
        "region을 us-east-1로 설정하세요. CloudFront가 그곳에서 모든 엣지 로케이션으로 함수를 복제합니다."
    ),
    "{fn} uses runtime {runtime}; only Node.js and Python run at the edge": (
        "{fn}의 런타임이 {runtime}입니다. 엣지에서는 Node.js와 Python만 실행됩니다"
    ),
    "Use a nodejs* or python* runtime (e.g. nodejs22.x, python3.13).": (
        "nodejs* 또는 python* 런타임을 사용하세요(예: nodejs22.x, python3.13)."
    ),
    "{fn} is not connected to any CloudFront distribution, so it never runs": (
        "{fn}: 어떤 CloudFront 배포에도 연결되지 않아 실행되지 않습니다"
    ),
    "Connect it to the cloudfront.distribution whose requests or responses it handles.": (
        "이 함수가 처리할 요청이나 응답의 cloudfront.distribution에 연결하세요."
    ),
    "{fn} uses runtime {runtime}; only cloudfront-js runs there": (
        "{fn}의 런타임이 {runtime}입니다. CloudFront Functions에서는 cloudfront-js만 실행됩니다"
    ),
    "Use cloudfront-js-2.0, or make it a Lambda@Edge function for Node.js or Python.": (
        "cloudfront-js-2.0을 사용하거나, Node.js나 Python이 필요하면 Lambda@Edge 함수로 만드세요."
    ),
    "{fn} is on {trigger}; CloudFront Functions run on viewer-request and viewer-response only": (
        "{fn}의 트리거가 {trigger}입니다. CloudFront Functions는 viewer-request와 viewer-response에서만 실행됩니다"
    ),
    "Use a viewer trigger, or a Lambda@Edge function for origin events.": (
        "뷰어 트리거를 사용하거나, 오리진 이벤트에는 Lambda@Edge 함수를 사용하세요."
    ),
    "{fn} calls {target}, but CloudFront Functions have no network access": (
        "{fn}: {target}을(를) 호출하지만, CloudFront Functions에는 네트워크 접근이 없습니다"
    ),
    "Use a Lambda@Edge function for calls to other services, or move the call to the origin.": (
        "다른 서비스 호출에는 Lambda@Edge 함수를 사용하거나, 호출을 오리진으로 옮기세요."
    ),
    # --- DynamoDB ---------------------------------------------------------------------------------
    "{table} uses provisioned capacity for spiky traffic; bursts will be throttled": (
        "{table}: 트래픽이 급증하는데 프로비저닝된 용량을 사용합니다. 버스트 요청이 스로틀링됩니다"
    ),
    "Switch capacity_mode to on_demand.": "capacity_mode를 on_demand로 바꾸세요.",
    "{table} triggers {fn} but stream_enabled is false": (
        "{table}의 스트림이 {fn}을(를) 트리거하지만 stream_enabled가 false입니다"
    ),
    "Set stream_enabled to true on the table.": "테이블의 stream_enabled를 true로 설정하세요.",
    "{count} functions consume the stream of {table}; more than {max} readers per shard are throttled": (
        "{table}의 스트림을 함수 {count}개가 읽습니다. 샤드당 읽는 쪽이 {max}개를 넘으면 스로틀링됩니다"
    ),
    "Keep two consumers at most: fan out through one function to SNS/EventBridge, or use Kinesis Data Streams.": (
        "컨슈머는 최대 두 개로 유지하세요. 함수 하나가 SNS/EventBridge로 팬아웃하거나, "
        "Kinesis Data Streams를 사용하세요."
    ),
    "{dax} is not connected to any DynamoDB table": "{dax}: 어떤 DynamoDB 테이블에도 연결되어 있지 않습니다",
    "Connect the cluster to the dynamodb.table it caches (dax -> table).": (
        "클러스터를 캐시할 dynamodb.table에 연결하세요(dax -> 테이블)."
    ),
    # --- Front doors (API Gateway, clients) ------------------------------------------------
    "{client} invokes {fn} directly, which needs IAM credentials on the client": (
        "{client}: {fn}을(를) 직접 호출합니다. 이렇게 하려면 클라이언트에 IAM 자격 증명이 필요합니다"
    ),
    "Put API Gateway or an ALB in front of the function: client -> API -> function.": (
        "함수 앞에 API Gateway나 ALB를 두세요: 클라이언트 -> API -> 함수."
    ),
    "{client} reads/writes {target} directly without a Cognito identity pool for credentials": (
        "{client}: 자격 증명을 줄 Cognito 자격 증명 풀 없이 {target}에 직접 읽고 씁니다"
    ),
    "Connect the client to a cognito.identity_pool, or go through API Gateway or presigned URLs.": (
        "클라이언트를 cognito.identity_pool에 연결하거나, API Gateway 또는 미리 서명된 URL을 거치세요."
    ),
    "{api} uses a cognito authorizer but is connected to no Cognito user pool": (
        "{api}: cognito 권한 부여자를 쓰지만 어떤 Cognito 사용자 풀에도 연결되어 있지 않습니다"
    ),
    "Connect the API to its cognito.user_pool (api -> user pool).": (
        "API를 해당 cognito.user_pool에 연결하세요(api -> 사용자 풀)."
    ),
    "{api} calls {fn}, whose timeout is {timeout} s; the API gives up after {limit} s": (
        "{api}: {fn}을(를) 호출하는데 함수 제한 시간이 {timeout}초입니다. API는 {limit}초 후에 응답을 포기합니다"
    ),
    "Lower the function timeout to 29 s, or make the work asynchronous (SQS or Step Functions).": (
        "함수 제한 시간을 29초로 낮추거나, 작업을 비동기로 바꾸세요(SQS 또는 Step Functions)."
    ),
    "{client} outside every VPC calls private {api}, which only answers inside a VPC": (
        "VPC 밖의 {client}: 프라이빗 {api}을(를) 호출하지만, 이 API는 VPC 안에서만 응답합니다"
    ),
    "Make the API regional or edge-optimized, or call it from inside the VPC.": (
        "API를 리전 또는 엣지 최적화 엔드포인트로 바꾸거나, VPC 안에서 호출하세요."
    ),
    "{what} uses {cert} from {region}; CloudFront only uses ACM certificates from us-east-1": (
        "{what}: {region}의 {cert}을(를) 사용합니다. CloudFront는 us-east-1의 ACM 인증서만 사용합니다"
    ),
    "Request (or import) the certificate in us-east-1 and use that one.": (
        "us-east-1에서 인증서를 요청(또는 가져오기)하고 그 인증서를 사용하세요."
    ),
    "{api} has a {endpoint} endpoint and no authorizer: anyone can call it": (
        "{api}: {endpoint} 엔드포인트에 권한 부여자가 없어 누구나 호출할 수 있습니다"
    ),
    "If it is not meant to be public, set authorizer to cognito, iam or lambda.": (
        "공개 API가 아니라면 authorizer를 cognito, iam 또는 lambda로 설정하세요."
    ),
    # --- Messaging and orchestration ----------------------------------------------------------
    "{queue} has a visibility timeout of {visibility} s, under the {timeout} s timeout of {fn}; "
    "Lambda refuses the event source mapping": (
        "{queue}의 표시 제한 시간이 {visibility}초로, {fn}의 제한 시간 {timeout}초보다 짧습니다. "
        "람다가 이벤트 소스 매핑을 거부합니다"
    ),
    "Set visibility_timeout_s to at least {timeout} s; {recommended} s (6 x the function timeout) is recommended.": (
        "visibility_timeout_s를 {timeout}초 이상으로 설정하세요. 권장값은 {recommended}초(함수 제한 시간의 6배)입니다."
    ),
    "{queue} has a visibility timeout of {visibility} s, under 6 x the {timeout} s timeout of {fn} ({recommended} s)": (
        "{queue}의 표시 제한 시간이 {visibility}초로, {fn}의 제한 시간 {timeout}초의 6배({recommended}초)보다 짧습니다"
    ),
    "Set visibility_timeout_s to {recommended} s or more.": (
        "visibility_timeout_s를 {recommended}초 이상으로 설정하세요."
    ),
    "{bucket} triggers {fn}, which writes back to the same bucket: each write can trigger it again": (
        "{bucket}이(가) 트리거하는 {fn}이(가) 같은 버킷에 다시 씁니다. 쓸 때마다 함수가 다시 트리거될 수 있습니다"
    ),
    "Write to another bucket, or filter the trigger on a prefix/suffix the function never writes.": (
        "다른 버킷에 쓰거나, 함수가 쓰지 않는 접두사/접미사로 트리거를 필터링하세요."
    ),
    "{fn} calls {target} directly": "{fn}: {target}을(를) 직접 호출합니다",
    "Orchestrate with Step Functions, or pass work through SQS, SNS or EventBridge.": (
        "Step Functions로 오케스트레이션하거나, SQS, SNS 또는 EventBridge로 작업을 넘기세요."
    ),
    "{fn} is invoked asynchronously (by {sources}) and has no failure destination: events that fail after "
    "the retries are lost": (
        "{fn}: ({sources}에 의해) 비동기로 호출되는데 실패 대상이 없습니다. 재시도 후에도 실패한 이벤트는 사라집니다"
    ),
    "Add an on-failure destination: an edge from the function to an SQS queue or SNS topic.": (
        "실패 시 대상을 추가하세요: 함수에서 SQS 대기열이나 SNS 주제로 가는 엣지입니다."
    ),
    "{fn} reads the stream of {sources} with no on-failure destination: discarded batches leave no record": (
        "{fn}: 실패 시 대상 없이 {sources}의 스트림을 읽습니다. 버려진 배치는 기록이 남지 않습니다"
    ),
    "Add an on-failure destination: an edge from the function to an SQS queue, SNS topic or S3 bucket.": (
        "실패 시 대상을 추가하세요: 함수에서 SQS 대기열, SNS 주제 또는 S3 버킷으로 가는 엣지입니다."
    ),
    "{queue} has no dead-letter queue: a message that keeps failing comes back until it expires": (
        "{queue}에 배달 못한 편지 대기열(DLQ)이 없습니다. 계속 실패하는 메시지가 만료될 때까지 되돌아옵니다"
    ),
    "Add a dead-letter queue: an sqs.queue with an edge from this queue to it (redrive policy).": (
        "배달 못한 편지 대기열을 추가하세요: 이 대기열에서 다른 sqs.queue로 가는 엣지입니다(리드라이브 정책)."
    ),
    "{fn} serves {apis} with Lambda's default {left}": "{fn}: {apis} 뒤에서 람다 기본값 {left}을(를) 그대로 씁니다",
    "Set memory_mb and timeout_s for the work the function does (e.g. 512-1024 MB, under 29 s).": (
        "함수가 하는 일에 맞게 memory_mb와 timeout_s를 정하세요(예: 512-1024 MB, 29초 미만)."
    ),
    # --- Everything else ----------------------------------------------------------------------
    "512, 1024 or 2048 MB": "512, 1024 또는 2048 MB",
    "{low} to {high} MB in {step} MB steps": "{low}-{high} MB({step} MB 단위)",
    "{cpu} vCPU takes {choices}": "{cpu} vCPU에는 {choices}",
    "Fargate offers 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU": "Fargate는 0.25, 0.5, 1, 2, 4, 8, 16 vCPU를 제공합니다",
    "{task}: {cpu} vCPU with {memory} MB is not a Fargate size; {why}": (
        "{task}: {cpu} vCPU와 {memory} MB 조합은 Fargate 크기가 아닙니다. {why}"
    ),
    "Pick a combination from the Fargate task size table (e.g. 1 vCPU with 2048 MB).": (
        "Fargate 작업 크기 표에 있는 조합을 고르세요(예: 1 vCPU와 2048 MB)."
    ),
    "{alb} authenticates with Cognito ({pools}) on an http listener; Cognito authentication needs HTTPS": (
        "{alb}: http 리스너에서 Cognito({pools})로 인증합니다. Cognito 인증에는 HTTPS가 필요합니다"
    ),
    "Set listener to https (with an ACM certificate) and redirect HTTP to HTTPS.": (
        "listener를 https로 설정하고(ACM 인증서와 함께) HTTP는 HTTPS로 리디렉션하세요."
    ),
    "{source} has {prop} {value}, so it cannot reach {target}; it reaches only {values} there": (
        "{source}의 {prop} 값이 {value}이므로 {target}에 닿을 수 없습니다. 여기서는 {values}에만 닿습니다"
    ),
    "Set {prop} to {values}, or add one for this service.": (
        "{prop}을(를) {values}(으)로 설정하거나, 이 서비스용 엔드포인트를 하나 더 추가하세요."
    ),
    "edge {edge} touches {container}; containers are places, not services": (
        "엣지 {edge}이(가) {container}에 닿습니다. 컨테이너는 위치이지 서비스가 아닙니다"
    ),
    "Connect the components inside the container instead.": "대신 컨테이너 안의 구성 요소끼리 연결하세요.",
    "{source} -> {target}: AWS has no such integration": "{source} -> {target}: AWS에는 이런 통합이 없습니다",
    "Check the direction (the source calls or sends to the target), or connect through a "
    "service that supports both ends.": (
        "방향을 확인하거나(출발지가 대상을 호출하거나 대상에 보냅니다), 양쪽을 모두 지원하는 서비스를 거쳐 연결하세요."
    ),
    "{node} has no connections": "{node}: 연결이 하나도 없습니다",
    "Connect it to the components that use it, or remove it.": "이 구성 요소를 쓰는 구성 요소에 연결하거나 삭제하세요.",
    # --- The catalog's limits (builder/catalog: Limit.text and Limit.hint) --------------------
    "CloudFront Functions allow 10 KB of code": "CloudFront Functions의 코드는 10 KB까지입니다",
    "Shrink the code (no libraries), or use Lambda@Edge for bigger logic.": (
        "코드를 줄이거나(라이브러리 없이), 더 큰 로직에는 Lambda@Edge를 사용하세요."
    ),
    "viewer triggers allow 128 MB": "뷰어 트리거는 128 MB까지입니다",
    "Lower the settings, or move the work to an origin trigger (30 s, 50 MB) or behind the origin.": (
        "설정값을 낮추거나, 작업을 오리진 트리거(30초, 50 MB)나 오리진 뒤로 옮기세요."
    ),
    "origin triggers allow 128 to 10240 MB": "오리진 트리거는 128-10240 MB입니다",
    "Lower the settings, or move the heavy work behind the origin (API Gateway + Lambda).": (
        "설정값을 낮추거나, 무거운 작업을 오리진 뒤(API Gateway + 람다)로 옮기세요."
    ),
    "viewer triggers allow 1 to 5 s": "뷰어 트리거는 1-5초입니다",
    "origin triggers allow 1 to 30 s": "오리진 트리거는 1-30초입니다",
    "viewer triggers allow a 1 MB package": "뷰어 트리거의 패키지는 1 MB까지입니다",
    "origin triggers allow a 50 MB package": "오리진 트리거의 패키지는 50 MB까지입니다",
    "Lambda allows a whole number of MB from 128 to 10240": "람다 메모리는 128-10240 MB의 정수여야 합니다",
    "Set memory_mb to a whole number between 128 and 10240; beyond 10 GB run the job on Fargate.": (
        "memory_mb를 128-10240 사이의 정수로 설정하세요. 10 GB를 넘는 작업은 Fargate에서 실행하세요."
    ),
    "Lambda allows 1 to 900 s (15 minutes)": "람다 제한 시간은 1-900초(15분)입니다",
    "Keep one invocation under 15 minutes: split long jobs into Step Functions steps, or run them on Fargate.": (
        "호출 한 번은 15분 안에 끝나야 합니다. 긴 작업은 Step Functions 단계로 나누거나 Fargate에서 실행하세요."
    ),
    "{kind} {name}": "{kind} {name}",
    "it cannot be negative": "음수일 수 없습니다",
    "Enter zero or more: a size, a count or a duration is never below zero.": (
        "0 이상을 입력하세요. 크기, 개수, 시간은 0보다 작을 수 없습니다."
    ),
    "a zip package uploaded directly is limited to 50 MB": "직접 업로드하는 zip 패키지는 50 MB까지입니다",
    "Upload the package to S3 and deploy it from there (SAM and CDK do it for you), or trim it.": (
        "패키지를 S3에 올려 그곳에서 배포하거나(SAM과 CDK는 자동으로 합니다), 패키지를 줄이세요."
    ),
    "Lambda allows 250 MB unzipped, layers included": "람다는 압축을 푼 크기로 계층 포함 250 MB까지 허용합니다",
    "Trim dependencies, or switch package_type to image (container images go up to 10 GB).": (
        "의존성을 줄이거나, package_type을 image로 바꾸세요(컨테이너 이미지는 10 GB까지)."
    ),
    "Lambda allows container images of up to 10,240 MB": "람다 컨테이너 이미지는 10,240 MB까지입니다",
    "Use a slimmer base image and fewer layers, or run the container on ECS/Fargate.": (
        "더 가벼운 기본 이미지와 적은 계층을 쓰거나, 컨테이너를 ECS/Fargate에서 실행하세요."
    ),
    "Lambda allows 512 to 10240 MB": "람다의 /tmp는 512-10240 MB입니다",
    "Set ephemeral_storage_mb between 512 and 10240; keep bigger data in S3 or on EFS.": (
        "ephemeral_storage_mb를 512-10240 사이로 설정하세요. 더 큰 데이터는 S3나 EFS에 두세요."
    ),
    "Lambda allows 4,096 bytes of keys and values (UTF-8)": (
        "람다 환경 변수는 키와 값 합계 4,096바이트(UTF-8)까지입니다"
    ),
    "Move large values to SSM Parameter Store or Secrets Manager and keep only their names in env.": (
        "큰 값은 SSM Parameter Store나 Secrets Manager로 옮기고 env에는 이름만 두세요."
    ),
    "at most 900 can be reserved in a region (1,000 quota, 100 unreserved)": (
        "리전당 최대 900까지 예약할 수 있습니다(할당량 1,000, 예약되지 않은 100)"
    ),
    "Lower the reservations or request a higher concurrency quota for the region.": (
        "예약을 줄이거나 해당 리전의 동시성 할당량 증가를 요청하세요."
    ),
    "Lambda allows at most 5 security groups per function": "람다 함수당 보안 그룹은 최대 5개입니다",
    "Merge the rules into 5 security groups or fewer.": "규칙을 보안 그룹 5개 이하로 합치세요.",
    "DynamoDB items are limited to 400 KB": "DynamoDB 항목은 400 KB까지입니다",
    "Store large objects in S3 and keep their key (and metadata) in the item.": (
        "큰 객체는 S3에 저장하고 항목에는 그 키(와 메타데이터)만 두세요."
    ),
    "a DAX cluster has 1 to 11 nodes (a primary and up to 10 read replicas)": (
        "DAX 클러스터의 노드는 1-11개입니다(기본 노드 하나와 읽기 전용 복제본 최대 10개)"
    ),
    "Use 3 or more nodes (in different Availability Zones) for production, at most 11.": (
        "프로덕션에는 노드를 3개 이상(서로 다른 가용 영역에), 최대 11개까지 쓰세요."
    ),
    "SQS allows a visibility timeout of 0 to 43200 s (12 hours)": "SQS 표시 제한 시간은 0-43200초(12시간)입니다",
    "Set visibility_timeout_s between 0 and 43200; for longer work, extend the visibility from the consumer "
    "(ChangeMessageVisibility) or use Step Functions.": (
        "visibility_timeout_s를 0-43200 사이로 설정하세요. 더 긴 작업은 컨슈머에서 표시 제한 시간을 "
        "연장하거나(ChangeMessageVisibility) Step Functions를 사용하세요."
    ),
    "express workflows stop after 300 s (5 minutes)": "Express 워크플로는 300초(5분) 후에 중지됩니다",
    "Use a standard workflow for runs over 5 minutes (up to a year), or split the work.": (
        "5분이 넘는 실행에는 Standard 워크플로(최대 1년)를 쓰거나 작업을 나누세요."
    ),
    # --- The component catalog (builder/catalog): categories, labels, descriptions, help ------
    "Networking & containers": "네트워킹 및 컨테이너",
    "Edge & clients": "엣지 및 클라이언트",
    "API": "API",
    "Compute": "컴퓨팅",
    "Data": "데이터",
    "Messaging & orchestration": "메시징 및 오케스트레이션",
    "Identity & security": "자격 증명 및 보안",
    "Management": "관리",
    "Region": "리전",
    "An AWS Region. Nodes inside it run there; others run in the document's region.": (
        "AWS 리전입니다. 안에 있는 구성 요소는 이 리전에서 실행되고, 나머지는 문서의 리전에서 실행됩니다."
    ),
    "Region code": "리전 코드",
    "For example ap-northeast-2.": "예: ap-northeast-2.",
    "VPC": "VPC",
    "A virtual private cloud: the network that VPC-only resources (RDS, ElastiCache, DAX) live in.": (
        "Virtual Private Cloud: VPC 전용 리소스(RDS, ElastiCache, DAX)가 사는 네트워크입니다."
    ),
    "CIDR block": "CIDR 블록",
    "Subnet": "서브넷",
    "A subnet of a VPC. A Lambda function attached to a VPC runs in private subnets.": (
        "VPC의 서브넷입니다. VPC에 연결된 람다 함수는 프라이빗 서브넷에서 실행됩니다."
    ),
    "Visibility": "공개 여부",
    "Public subnets route to an internet gateway.": "퍼블릭 서브넷은 인터넷 게이트웨이로 라우팅됩니다.",
    "Availability Zone": "가용 영역",
    "For example ap-northeast-2a.": "예: ap-northeast-2a.",
    "NAT gateway": "NAT 게이트웨이",
    "Gives resources in private subnets outbound internet access. Lives in a public subnet.": (
        "프라이빗 서브넷의 리소스에 아웃바운드 인터넷 접근을 제공합니다. 퍼블릭 서브넷에 둡니다."
    ),
    "VPC endpoint": "VPC 엔드포인트",
    "Private access from a VPC to an AWS service without a NAT gateway.": (
        "NAT 게이트웨이 없이 VPC에서 AWS 서비스로 프라이빗하게 접근합니다."
    ),
    "Service": "서비스",
    "Gateway endpoints: s3, dynamodb. Interface endpoints: the others.": (
        "게이트웨이 엔드포인트: s3, dynamodb. 인터페이스 엔드포인트: 나머지."
    ),
    "Route 53 record": "Route 53 레코드",
    "A DNS record pointing a domain at CloudFront, API Gateway, an ALB or an S3 website.": (
        "도메인을 CloudFront, API Gateway, ALB 또는 S3 웹 사이트로 가리키는 DNS 레코드입니다."
    ),
    "Record type": "레코드 유형",
    "Alias (A/AAAA) records work at the zone apex; CNAME does not.": (
        "별칭(A/AAAA) 레코드는 영역 apex에서 동작하지만 CNAME은 그렇지 않습니다."
    ),
    "Application Load Balancer": "Application Load Balancer",
    "HTTP(S) load balancer in front of Lambda functions or Fargate tasks; can authenticate with Cognito.": (
        "람다 함수나 Fargate 작업 앞의 HTTP(S) 로드 밸런서입니다. Cognito로 인증할 수 있습니다."
    ),
    "Scheme": "체계",
    "Internal load balancers are reachable only from the VPC.": "내부 로드 밸런서는 VPC 안에서만 닿을 수 있습니다.",
    "Listener": "리스너",
    "Cognito authentication needs an HTTPS listener.": "Cognito 인증에는 HTTPS 리스너가 필요합니다.",
    "Client": "클라이언트",
    "A browser, a mobile app or a service outside AWS.": "브라우저, 모바일 앱 또는 AWS 밖의 서비스입니다.",
    "Kind": "종류",
    "CloudFront distribution": "CloudFront 배포",
    "Global CDN: caches and serves content from edge locations close to users.": (
        "글로벌 CDN: 사용자와 가까운 엣지 로케이션에서 콘텐츠를 캐시하고 제공합니다."
    ),
    "Price class": "요금 등급",
    "CloudFront Function": "CloudFront Function",
    "Lightweight JavaScript at the edge (sub-millisecond) for viewer requests and responses: headers, "
    "redirects, cache keys, token checks. No network access.": (
        "뷰어 요청과 응답을 위한 엣지의 가벼운 JavaScript(1밀리초 미만): 헤더, 리디렉션, 캐시 키, 토큰 "
        "검사. 네트워크 접근은 없습니다."
    ),
    "Runtime": "런타임",
    "cloudfront-js-1.0 or cloudfront-js-2.0.": "cloudfront-js-1.0 또는 cloudfront-js-2.0.",
    "Trigger": "트리거",
    "CloudFront Functions run on viewer events only.": "CloudFront Functions는 뷰어 이벤트에서만 실행됩니다.",
    "Code size": "코드 크기",
    "At most 10 KB.": "최대 10 KB.",
    "Lambda@Edge": "Lambda@Edge",
    "Node.js or Python functions replicated to CloudFront's edge; authored in us-east-1. More CPU, memory "
    "and network access than CloudFront Functions.": (
        "CloudFront 엣지로 복제되는 Node.js 또는 Python 함수이며 us-east-1에서 작성합니다. CloudFront "
        "Functions보다 CPU와 메모리가 많고 네트워크 접근도 있습니다."
    ),
    "Node.js or Python only.": "Node.js 또는 Python만 가능합니다.",
    "Authoring region": "작성 리전",
    "Lambda@Edge functions are created in us-east-1.": "Lambda@Edge 함수는 us-east-1에서 만듭니다.",
    "Memory": "메모리",
    "Viewer triggers: 128 MB. Origin triggers: up to 10,240 MB.": "뷰어 트리거: 128 MB. 오리진 트리거: 최대 10,240 MB.",
    "Timeout": "제한 시간",
    "Viewer triggers: 5 s. Origin triggers: 30 s.": "뷰어 트리거: 5초. 오리진 트리거: 30초.",
    "Zipped package size": "압축된 패키지 크기",
    "Viewer: 1 MB. Origin: 50 MB.": "뷰어: 1 MB. 오리진: 50 MB.",
    "API Gateway": "API Gateway",
    "Managed HTTP, REST and WebSocket endpoints with auth, throttling, caching and stages.": (
        "인증, 스로틀링, 캐싱, 스테이지를 갖춘 관리형 HTTP, REST, WebSocket 엔드포인트입니다."
    ),
    "Protocol": "프로토콜",
    "Endpoint type": "엔드포인트 유형",
    "Edge-optimized goes through CloudFront; private is reachable only from a VPC.": (
        "엣지 최적화는 CloudFront를 거치고, 프라이빗은 VPC에서만 닿을 수 있습니다."
    ),
    "Authorizer": "권한 부여자",
    "Cognito: connect the API to a user pool. Lambda: label the API's edge to the authorizer function 'authorizer'.": (
        "Cognito: API를 사용자 풀에 연결하세요. Lambda: API에서 권한 부여자 함수로 가는 엣지의 레이블을 "
        "'authorizer'로 하세요."
    ),
    "Custom domain": "사용자 지정 도메인",
    "With a certificate from ACM.": "ACM 인증서와 함께 씁니다.",
    "Throttle": "스로틀",
    "Steady-state requests per second.": "정상 상태의 초당 요청 수.",
    "Response cache": "응답 캐시",
    "REST APIs only.": "REST API만 가능합니다.",
    "Lambda function": "람다 함수",
    "Runs code on demand for up to 15 minutes, billed only while it runs.": (
        "요청이 있을 때 최대 15분 동안 코드를 실행하며, 실행되는 동안에만 과금됩니다."
    ),
    "128 MB to 10,240 MB in 1 MB steps; CPU grows with memory.": (
        "128 MB-10,240 MB, 1 MB 단위. 메모리에 따라 CPU도 늘어납니다."
    ),
    "At most 900 s (15 minutes).": "최대 900초(15분).",
    "For example python3.13, nodejs22.x, java21.": "예: python3.13, nodejs22.x, java21.",
    "Architecture": "아키텍처",
    "Package type": "패키지 유형",
    "A .zip archive or a container image.": ".zip 아카이브 또는 컨테이너 이미지.",
    "50 MB by direct upload; larger through S3.": "직접 업로드는 50 MB까지, 그보다 크면 S3를 거칩니다.",
    "Unzipped package size": "압축을 푼 패키지 크기",
    "At most 250 MB, layers included.": "계층 포함 최대 250 MB.",
    "Image size": "이미지 크기",
    "Container images up to 10,240 MB.": "컨테이너 이미지는 최대 10,240 MB.",
    "Implements the Runtime API": "Runtime API 구현",
    "A container image must implement the Lambda Runtime API, or run on ECS/Fargate instead.": (
        "컨테이너 이미지는 Lambda Runtime API를 구현해야 합니다. 그렇지 않으면 ECS/Fargate에서 실행하세요."
    ),
    "/tmp storage": "/tmp 스토리지",  # noqa: S108  (a label, not a path)
    "512 MB to 10,240 MB.": "512 MB-10,240 MB.",
    "Environment variables": "환경 변수",
    "Keys and values together at most 4 KB.": "키와 값을 합쳐 최대 4 KB.",
    "Reserved concurrency": "예약된 동시성",
    "Reserved executions; the region's unreserved pool must keep at least 100.": (
        "예약된 실행 수. 리전의 예약되지 않은 풀에 최소 100이 남아야 합니다."
    ),
    "Security groups": "보안 그룹",
    "Required when the function is attached to a VPC subnet; at most 5.": (
        "함수를 VPC 서브넷에 연결할 때 필요합니다. 최대 5개."
    ),
    "Fargate task": "Fargate 작업",
    "A container task or service on ECS Fargate: no time limit, for long or heavy jobs.": (
        "ECS Fargate의 컨테이너 작업 또는 서비스: 시간 제한이 없어 길거나 무거운 작업에 맞습니다."
    ),
    "vCPU": "vCPU",
    "0.25, 0.5, 1, 2, 4, 8 or 16.": "0.25, 0.5, 1, 2, 4, 8 또는 16.",
    "Must be a valid combination with the vCPU.": "vCPU와 유효한 조합이어야 합니다.",
    "DynamoDB table": "DynamoDB 테이블",
    "Serverless NoSQL key-value and document table, replicated across AZs; items up to 400 KB.": (
        "가용 영역 간에 복제되는 서버리스 NoSQL 키-값 및 문서 테이블입니다. 항목은 최대 400 KB."
    ),
    "Capacity mode": "용량 모드",
    "On-demand scales with traffic; provisioned suits predictable load.": (
        "온디맨드는 트래픽에 따라 확장되고, 프로비저닝은 예측 가능한 부하에 맞습니다."
    ),
    "Traffic": "트래픽",
    "Largest item": "가장 큰 항목",
    "Items are limited to 400 KB.": "항목은 400 KB까지입니다.",
    "Stream enabled": "스트림 활성화",
    "DynamoDB Streams keep 24 hours of changes for triggers.": (
        "DynamoDB Streams는 트리거를 위해 24시간 동안의 변경 사항을 보관합니다."
    ),
    "DAX cluster": "DAX 클러스터",
    "In-memory cache for DynamoDB, API-compatible: caches reads, queries and scans.": (
        "DynamoDB용 API 호환 인메모리 캐시: 읽기, 쿼리, 스캔을 캐시합니다."
    ),
    "Nodes": "노드",
    "1 to 11 nodes; 3 or more for production.": "노드 1-11개. 프로덕션에는 3개 이상.",
    "S3 bucket": "S3 버킷",
    "Object storage; event notifications can trigger Lambda, SQS, SNS or EventBridge.": (
        "객체 스토리지입니다. 이벤트 알림으로 람다, SQS, SNS 또는 EventBridge를 트리거할 수 있습니다."
    ),
    "Versioning": "버전 관리",
    "RDS / Aurora database": "RDS / Aurora 데이터베이스",
    "Relational database in a VPC. Lambda should reach it through RDS Proxy.": (
        "VPC 안의 관계형 데이터베이스입니다. 람다는 RDS Proxy를 거쳐 연결해야 합니다."
    ),
    "Engine": "엔진",
    "RDS Proxy": "RDS Proxy",
    "Pools and shares database connections so that many Lambda invocations don't exhaust the database.": (
        "데이터베이스 연결을 풀로 묶어 공유하므로, 람다 호출이 많아도 데이터베이스가 고갈되지 않습니다."
    ),
    "ElastiCache": "ElastiCache",
    "Managed Redis, Valkey or Memcached in a VPC.": "VPC 안의 관리형 Redis, Valkey 또는 Memcached입니다.",
    "SQS queue": "SQS 대기열",
    "Message queue; Lambda polls it through an event source mapping.": (
        "메시지 대기열입니다. 람다가 이벤트 소스 매핑으로 폴링합니다."
    ),
    "FIFO": "FIFO",
    "Visibility timeout": "표시 제한 시간",
    "AWS recommends at least 6 times the consuming function's timeout.": (
        "AWS는 소비하는 함수 제한 시간의 6배 이상을 권장합니다."
    ),
    "SNS topic": "SNS 주제",
    "Pub/sub fan-out to Lambda, SQS, HTTP endpoints, email and SMS.": (
        "람다, SQS, HTTP 엔드포인트, 이메일, SMS로 팬아웃하는 게시/구독입니다."
    ),
    "EventBridge rule": "EventBridge 규칙",
    "Routes events (or a schedule) to targets.": "이벤트(또는 일정)를 대상으로 라우팅합니다.",
    "Schedule": "일정",
    "rate(5 minutes) or cron(...); empty for an event pattern.": (
        "rate(5 minutes) 또는 cron(...). 이벤트 패턴이면 비워 두세요."
    ),
    "Step Functions": "Step Functions",
    "Serverless workflows that orchestrate Lambda and other services: sequence, parallel, choice, retries. "
    "Standard runs up to a year; Express up to 5 minutes.": (
        "람다와 다른 서비스를 오케스트레이션하는 서버리스 워크플로: 순차, 병렬, 선택, 재시도. Standard는 최대 "
        "1년, Express는 최대 5분 실행됩니다."
    ),
    "Workflow type": "워크플로 유형",
    "Expected duration": "예상 실행 시간",
    "Express workflows run at most 300 s.": "Express 워크플로는 최대 300초 실행됩니다.",
    "Cognito user pool": "Cognito 사용자 풀",
    "Serverless user directory: sign-up, sign-in, MFA, social login; integrates with API Gateway and ALB.": (
        "서버리스 사용자 디렉터리: 가입, 로그인, MFA, 소셜 로그인. API Gateway, ALB와 통합됩니다."
    ),
    "MFA": "MFA",
    "Social providers": "소셜 공급자",
    "For example Google, Facebook, Apple.": "예: Google, Facebook, Apple.",
    "Cognito identity pool": "Cognito 자격 증명 풀",
    "Gives users temporary AWS credentials to call AWS services (S3, DynamoDB) directly.": (
        "사용자에게 임시 AWS 자격 증명을 주어 AWS 서비스(S3, DynamoDB)를 직접 호출하게 합니다."
    ),
    "ACM certificate": "ACM 인증서",
    "TLS certificate. CloudFront and edge-optimized APIs need one in us-east-1.": (
        "TLS 인증서입니다. CloudFront와 엣지 최적화 API에는 us-east-1의 인증서가 필요합니다."
    ),
    "The region the certificate is issued in.": "인증서가 발급된 리전.",
    "CloudWatch alarm": "CloudWatch 경보",
    "Metrics, logs and alarms; alarm actions notify SNS or trigger a function.": (
        "지표, 로그, 경보. 경보 작업으로 SNS에 알리거나 함수를 트리거합니다."
    ),
    # Connection verbs (the editor's edge labels).
    "reaches": "접근",
    "reports to": "보고",
    "points to": "가리킴",
    "aliases": "별칭",
    "forwards to": "전달",
    "authenticates with": "인증",
    "uses certificate": "인증서 사용",
    "requests": "요청",
    "invokes": "호출",
    "reads/writes": "읽기/쓰기",
    "sends to": "전송",
    "signs in with": "로그인",
    "gets credentials from": "자격 증명 받음",
    "origin": "오리진",
    "runs": "실행",
    "attached to": "연결됨",
    "calls": "호출",
    "logs to": "로그 전송",
    "integrates": "통합",
    "authorizes with": "권한 부여",
    "connects to": "연결",
    "goes out through": "외부로 나감",
    "streams to": "스트리밍",
    "exports to": "내보내기",
    "caches": "캐시",
    "notifies": "알림",
    "replicates to": "복제",
    "sends events to": "이벤트 전송",
    "pools connections to": "연결 풀링",
    "feeds": "공급",
    "dead-letters to": "DLQ로 보냄",
    "delivers to": "전달",
    "targets": "대상 지정",
    "triggers": "트리거",
    "federates into": "페더레이션",
    "sends SMS through": "SMS 전송",
    "trusts": "신뢰",
    "secures": "보호",
    "alerts": "경보",
    "combines": "결합",
    # The subnet tags of the one style (builder/catalog/style.py, ContainerKind.tag): editor and export.
    "Public": "퍼블릭",
    "Private": "프라이빗",
    "{visibility} subnet": "{visibility} 서브넷",
    # --- The document's problems (builder/document.py): what makes a document invalid ---------
    "the document": "문서",
    "this object": "이 객체",
    "a node": "노드",
    "an edge": "엣지",
    "none": "없음",
    "{name} item": "{name} 항목",
    "{name} value": "{name} 값",
    "{what} contains a control character": "{what}에 제어 문자가 있습니다",
    "{what} contains a lone surrogate (U+{code:04X}), which is not valid Unicode text": (
        "{what}에 짝 없는 서로게이트(U+{code:04X})가 있습니다. 올바른 유니코드 텍스트가 아닙니다"
    ),
    "{what} contains a bidirectional control character (U+{code:04X}), which can make text "
    "display in a misleading order; remove it": (
        "{what}에 양방향 제어 문자(U+{code:04X})가 있습니다. 텍스트가 오해를 부르는 순서로 보일 수 있으니 지우세요"
    ),
    "{what} must be a string, not {kind}": "{what} 값은 문자열이어야 합니다({kind} 아님)",
    "{what} is {length} characters; the limit is {limit}": "{what}의 길이가 {length}자입니다. 한도는 {limit}자입니다",
    "unknown field {key} in {what}": "{what}에 알 수 없는 필드 {key}",
    "must be an object with {a} and {b}, not {kind}": "{a}와 {b}가 있는 객체여야 합니다({kind} 아님)",
    "{name} is required": "{name} 값이 필요합니다",
    "{name} must be a finite number within ±2^53, not {value}": (
        "{name} 값은 ±2^53 안의 유한한 숫자여야 합니다({value} 아님)"
    ),
    "{name} must be greater than 0": "{name} 값은 0보다 커야 합니다",
    "{name} cannot be null": "{name} 값은 null일 수 없습니다",
    "{name} must be a number within ±2^53": "{name} 값은 ±2^53 안의 숫자여야 합니다",
    "{name} must be a number, not {kind}": "{name} 값은 숫자여야 합니다({kind} 아님)",
    "{name} must be a whole number, not {value}": "{name} 값은 정수여야 합니다({value} 아님)",
    "{name} must be true or false, not {kind}": "{name} 값은 true 또는 false여야 합니다({kind} 아님)",
    "{name} must be one of {choices}; got {value}": "{name} 값은 {choices} 중 하나여야 합니다. 받은 값: {value}",
    "{name} must be a list of strings, not {kind}": "{name} 값은 문자열 목록이어야 합니다({kind} 아님)",
    "{name} has {count} items; the limit is {limit}": "{name}의 항목이 {count}개입니다. 한도는 {limit}개입니다",
    "{name} must be an object of strings, not {kind}": "{name} 값은 문자열로 된 객체여야 합니다({kind} 아님)",
    "{name} has {count} entries; the limit is {limit}": "{name}의 항목이 {count}개입니다. 한도는 {limit}개입니다",
    "{name} key must be 1 to {limit} characters, no control characters or lone surrogates": (
        "{name}의 키는 1-{limit}자여야 하며 제어 문자나 짝 없는 서로게이트가 없어야 합니다"
    ),
    "iac must be an object, not {kind}": "iac 값은 객체여야 합니다({kind} 아님)",
    "format must be sam or cloudformation": "format 값은 sam 또는 cloudformation이어야 합니다",
    "syntax must be yaml or json": "syntax 값은 yaml 또는 json이어야 합니다",
    "template must be the template's text": "template 값은 템플릿의 텍스트여야 합니다",
    "resources must be an object of node id to {{logical_id, line}}": (
        "resources 값은 노드 ID를 {{logical_id, line}}에 대응시키는 객체여야 합니다"
    ),
    "takes {{logical_id: string or null, line: positive integer or null}}": (
        "{{logical_id: 문자열 또는 null, line: 양의 정수 또는 null}} 형식이어야 합니다"
    ),
    "logical_id is longer than 255 characters": "logical_id가 255자보다 깁니다",
    "the document must be a JSON object, not {kind}": "문서는 JSON 객체여야 합니다({kind} 아님)",
    "nodes is required (a list, possibly empty)": "nodes가 필요합니다(비어 있어도 되는 목록)",
    "nodes must be a list, not {kind}": "nodes 값은 목록이어야 합니다({kind} 아님)",
    "edges must be a list, not {kind}": "edges 값은 목록이어야 합니다({kind} 아님)",
    "the document has {count:,} nodes; the limit is {limit:,}": (
        "문서의 노드가 {count:,}개입니다. 한도는 {limit:,}개입니다"
    ),
    "the document has {count:,} edges; the limit is {limit:,}": (
        "문서의 엣지가 {count:,}개입니다. 한도는 {limit:,}개입니다"
    ),
    "schema is required (1)": "schema가 필요합니다(1)",
    "schema must be {version}; got {value}": "schema 값은 {version}이어야 합니다. 받은 값: {value}",
    "viewport must be an object": "viewport 값은 객체여야 합니다",
    "viewport takes x, y and zoom as numbers": "viewport에는 x, y, zoom을 숫자로 넣습니다",
    "id must be 1-64 characters of A-Z a-z 0-9 _ . -": "id는 A-Z a-z 0-9 _ . - 문자로 된 1-64자여야 합니다",
    "duplicate id {id} (first used at {at})": "중복된 id {id}(처음 쓰인 곳: {at})",
    "a node must be an object, not {kind}": "노드는 객체여야 합니다({kind} 아님)",
    "unknown component type {type}": "알 수 없는 구성 요소 유형 {type}",
    "parent must be a node id or null, not {kind}": "parent 값은 노드 ID 또는 null이어야 합니다({kind} 아님)",
    "props must be an object, not {kind}": "props 값은 객체여야 합니다({kind} 아님)",
    "unknown prop {prop} for {type} (known: {known})": "{type}에 알 수 없는 속성 {prop}(알려진 속성: {known})",
    "parent {parent} is an edge, not a container": "parent {parent}은(는) 엣지이며 컨테이너가 아닙니다",
    "parent {parent} does not exist": "parent {parent}이(가) 없습니다",
    "parent {parent} is a {type}, not a container (region, VPC, subnet)": (
        "parent {parent}은(는) {type}이며 컨테이너(리전, VPC, 서브넷)가 아닙니다"
    ),
    "parent chain loops: {chain}": "parent 체인이 순환합니다: {chain}",
    "an edge must be an object, not {kind}": "엣지는 객체여야 합니다({kind} 아님)",
    "{end} must be a node id, not {kind}": "{end} 값은 노드 ID여야 합니다({kind} 아님)",
    "{end} {ref} is not a node of this document": "{end} {ref}은(는) 이 문서의 노드가 아닙니다",
    "route must be a list of points, not {kind}": "route 값은 점의 목록이어야 합니다({kind} 아님)",
    "route has {count} points; it needs {low} to {high}": "route의 점이 {count}개입니다. {low}-{high}개가 필요합니다",
    "the document is {size:,} bytes; the limit is {limit:,} bytes (1 MiB)": (
        "문서가 {size:,}바이트입니다. 한도는 {limit:,}바이트(1 MiB)입니다"
    ),
    "malformed JSON: {error}": "잘못된 JSON: {error}",
    # The AWS feature each connection stands for (builder/catalog/features.py).
    "internet access from private subnets": "프라이빗 서브넷의 인터넷 접근",
    "route to the service's public endpoint": "서비스 퍼블릭 엔드포인트로 라우팅",
    "metrics and logs in CloudWatch": "CloudWatch 지표와 로그",
    "gateway (or interface) endpoint for S3": "S3용 게이트웨이(또는 인터페이스) 엔드포인트",
    "gateway endpoint for DynamoDB": "DynamoDB용 게이트웨이 엔드포인트",
    "interface endpoint for SQS": "SQS용 인터페이스 엔드포인트",
    "interface endpoint for SNS": "SNS용 인터페이스 엔드포인트",
    "interface endpoint for Step Functions (states)": "Step Functions(states)용 인터페이스 엔드포인트",
    "interface endpoint for EventBridge (events)": "EventBridge(events)용 인터페이스 엔드포인트",
    "interface endpoint for API Gateway (execute-api): private APIs": (
        "API Gateway(execute-api)용 인터페이스 엔드포인트: 프라이빗 API"
    ),
    "interface endpoint for Lambda": "람다용 인터페이스 엔드포인트",
    "alias record to a distribution": "배포를 가리키는 별칭 레코드",
    "alias record to an API's custom domain": "API 사용자 지정 도메인을 가리키는 별칭 레코드",
    "alias record to a load balancer": "로드 밸런서를 가리키는 별칭 레코드",
    "alias record to an S3 website endpoint": "S3 웹 사이트 엔드포인트를 가리키는 별칭 레코드",
    "alias record to another record of the hosted zone": "호스팅 영역의 다른 레코드를 가리키는 별칭 레코드",
    "health check and query metrics in CloudWatch": "CloudWatch의 상태 확인과 쿼리 지표",
    "Lambda target group": "람다 대상 그룹",
    "IP target group of an ECS service": "ECS 서비스의 IP 대상 그룹",
    "authenticate action (Cognito user pool)": "인증 작업(Cognito 사용자 풀)",
    "HTTPS listener certificate": "HTTPS 리스너 인증서",
    "HTTPS request to the distribution": "배포로 가는 HTTPS 요청",
    "HTTPS request to the API": "API로 가는 HTTPS 요청",
    "HTTP(S) request to the load balancer": "로드 밸런서로 가는 HTTP(S) 요청",
    "DNS lookup": "DNS 조회",
    "function URL or Invoke with AWS credentials": "함수 URL 또는 AWS 자격 증명으로 Invoke",
    "S3 API with temporary credentials or a presigned URL": "임시 자격 증명이나 미리 서명된 URL로 S3 API 호출",
    "DynamoDB API with temporary credentials": "임시 자격 증명으로 DynamoDB API 호출",
    "SendMessage with temporary credentials": "임시 자격 증명으로 SendMessage",
    "Publish with temporary credentials": "임시 자격 증명으로 Publish",
    "PutEvents with temporary credentials": "임시 자격 증명으로 PutEvents",
    "sign-in (hosted UI or SDK)": "로그인(호스팅 UI 또는 SDK)",
    "GetId and GetCredentialsForIdentity": "GetId와 GetCredentialsForIdentity",
    "S3 origin (origin access control)": "S3 오리진(원본 액세스 제어)",
    "custom origin: the API's endpoint": "사용자 지정 오리진: API 엔드포인트",
    "custom origin: the load balancer": "사용자 지정 오리진: 로드 밸런서",
    "custom origin: a Lambda function URL": "사용자 지정 오리진: 람다 함수 URL",
    "custom origin: any HTTP server": "사용자 지정 오리진: 임의의 HTTP 서버",
    "function association (viewer event)": "함수 연결(뷰어 이벤트)",
    "Lambda@Edge association": "Lambda@Edge 연결",
    "viewer certificate (from us-east-1)": "뷰어 인증서(us-east-1의 인증서)",
    "S3 API calls from the edge": "엣지에서 S3 API 호출",
    "DynamoDB API calls from the edge": "엣지에서 DynamoDB API 호출",
    "SendMessage from the edge": "엣지에서 SendMessage",
    "Publish from the edge": "엣지에서 Publish",
    "HTTPS call to an outside service": "외부 서비스로 HTTPS 호출",
    "Invoke a regional function": "리전 함수 Invoke",
    "metrics and logs in CloudWatch (in the edge's region)": "CloudWatch 지표와 로그(엣지가 실행된 리전)",
    "Lambda proxy integration": "Lambda 프록시 통합",
    "Step Functions integration (StartExecution)": "Step Functions 통합(StartExecution)",
    "private integration through a VPC link": "VPC 링크를 통한 프라이빗 통합",
    "HTTP integration to an outside endpoint": "외부 엔드포인트로 HTTP 통합",
    "HTTP integration to another API": "다른 API로 HTTP 통합",
    "SQS integration (SendMessage)": "SQS 통합(SendMessage)",
    "SNS integration (Publish)": "SNS 통합(Publish)",
    "DynamoDB integration": "DynamoDB 통합",
    "S3 integration (proxy to objects)": "S3 통합(객체 프록시)",
    "EventBridge integration (PutEvents)": "EventBridge 통합(PutEvents)",
    "Cognito user pool authorizer": "Cognito 사용자 풀 권한 부여자",
    "custom domain certificate": "사용자 지정 도메인 인증서",
    "execution and access logs, metrics": "실행 로그와 액세스 로그, 지표",
    "S3 API calls (GetObject, PutObject)": "S3 API 호출(GetObject, PutObject)",
    "DynamoDB API calls": "DynamoDB API 호출",
    "DAX client (inside the VPC)": "DAX 클라이언트(VPC 안)",
    "Redis/Valkey/Memcached client (inside the VPC)": "Redis/Valkey/Memcached 클라이언트(VPC 안)",
    "SendMessage": "SendMessage",
    "Publish": "Publish",
    "PutEvents to the rule's event bus": "규칙의 이벤트 버스로 PutEvents",
    "database connections through the proxy": "프록시를 거친 데이터베이스 연결",
    "database connections (SQL)": "데이터베이스 연결(SQL)",
    "Invoke (synchronous or asynchronous)": "Invoke(동기 또는 비동기)",
    "HTTP request to the load balancer": "로드 밸런서로 가는 HTTP 요청",
    "StartExecution": "StartExecution",
    "RunTask, or a call to the task's service": "RunTask 또는 작업 서비스 호출",
    "Cognito user pool API (admin calls)": "Cognito 사용자 풀 API(관리자 호출)",
    "outbound traffic through the NAT gateway": "NAT 게이트웨이를 거친 아웃바운드 트래픽",
    "private traffic through the VPC endpoint": "VPC 엔드포인트를 거친 프라이빗 트래픽",
    "service-to-service call (Service Connect, Cloud Map)": "서비스 간 호출(Service Connect, Cloud Map)",
    "DynamoDB Streams event source mapping": "DynamoDB Streams 이벤트 소스 매핑",
    "export to S3": "S3로 내보내기",
    "read-through/write-through cache": "읽기/쓰기 연계(read-through/write-through) 캐시",
    "event notification": "이벤트 알림",
    "events sent to EventBridge": "EventBridge로 보내는 이벤트",
    "replication (same or cross region)": "복제(같은 리전 또는 교차 리전)",
    "request and storage metrics": "요청 및 스토리지 지표",
    "invoke Lambda from SQL (aws_lambda extension, Aurora)": "SQL에서 람다 호출(aws_lambda 확장, Aurora)",
    "export to S3 (snapshot export, aws_s3 extension)": "S3로 내보내기(스냅샷 내보내기, aws_s3 확장)",
    "RDS event notifications": "RDS 이벤트 알림",
    "connection pooling": "연결 풀링",
    "ElastiCache event notifications": "ElastiCache 이벤트 알림",
    "event source mapping (Lambda polls the queue)": "이벤트 소스 매핑(람다가 대기열을 폴링)",
    "workers poll the queue (ReceiveMessage)": "작업자가 대기열을 폴링(ReceiveMessage)",
    "redrive policy: dead-letter queue": "리드라이브 정책: 배달 못한 편지 대기열",
    "queue metrics (age of oldest message, depth)": "대기열 지표(가장 오래된 메시지의 나이, 깊이)",
    "Lambda subscription": "람다 구독",
    "SQS subscription": "SQS 구독",
    "HTTPS, email or SMS subscription": "HTTPS, 이메일 또는 SMS 구독",
    "HTTPS subscription to the API": "API로 가는 HTTPS 구독",
    "rule target": "규칙 대상",
    "rule target: an ECS task": "규칙 대상: ECS 작업",
    "rule target: an API Gateway REST API": "규칙 대상: API Gateway REST API",
    "rule target: another event bus (cross-bus or cross-account)": (
        "규칙 대상: 다른 이벤트 버스(교차 버스 또는 교차 계정)"
    ),
    "API destination (HTTPS endpoint)": "API 대상(HTTPS 엔드포인트)",
    "Lambda Invoke task": "Lambda Invoke 태스크",
    "ECS RunTask task": "ECS RunTask 태스크",
    "nested workflow (StartExecution)": "중첩 워크플로(StartExecution)",
    "API Gateway task": "API Gateway 태스크",
    "HTTP task (HTTPS endpoint)": "HTTP 태스크(HTTPS 엔드포인트)",
    "DynamoDB task (SDK integration)": "DynamoDB 태스크(SDK 통합)",
    "SQS SendMessage task": "SQS SendMessage 태스크",
    "SNS Publish task": "SNS Publish 태스크",
    "EventBridge PutEvents task": "EventBridge PutEvents 태스크",
    "S3 task (SDK integration)": "S3 태스크(SDK 통합)",
    "execution logs and metrics": "실행 로그와 지표",
    "Lambda trigger (sign-up, authentication, token events)": "람다 트리거(가입, 인증, 토큰 이벤트)",
    "identity provider of the identity pool": "자격 증명 풀의 자격 증명 공급자",
    "SMS messages (MFA, verification) through SNS": "SNS를 통한 SMS 메시지(MFA, 확인)",
    "trusts the user pool as identity provider": "사용자 풀을 자격 증명 공급자로 신뢰",
    "DaysToExpiry metric": "DaysToExpiry 지표",
    "alarm action: notify": "경보 작업: 알림",
    "alarm action: invoke": "경보 작업: 호출",
    "composite alarm": "복합 경보",
    # --- Templates and draw.io files in (builder/iac: decode, sam_import, drawio) ----------------
    "line {line}: {message}": "{line}행: {message}",
    "{file}: {error}": "{file}: {error}",
    "a mapping has {count:,} keys; the limit is {limit:,}": (
        "매핑 하나의 키가 {count:,}개입니다. 한도는 {limit:,}개입니다"
    ),
    "an object has {count:,} keys; the limit is {limit:,}": (
        "객체 하나의 키가 {count:,}개입니다. 한도는 {limit:,}개입니다"
    ),
    "empty key {key!r}": "빈 키 {key!r}",
    "a key must be a plain value": "키는 단순 값(스칼라)이어야 합니다",
    "unknown tag !{tag} (not a CloudFormation intrinsic function)": (
        "알 수 없는 태그 !{tag}입니다(CloudFormation 내장 함수가 아님)"
    ),
    "unsupported YAML tag !!{tag}": "지원하지 않는 YAML 태그 !!{tag}",
    "the file is {size:,} bytes; the limit is {limit:,} bytes (512 KiB)": (
        "파일이 {size:,}바이트입니다. 한도는 {limit:,}바이트(512 KiB)입니다"
    ),
    "the file is not UTF-8 text (byte {byte:,})": "파일이 UTF-8 텍스트가 아닙니다({byte:,}번째 바이트)",
    "duplicate key {key!r}": "중복된 키 {key!r}",
    "duplicate key {key!r}: a second section or resource of that name": (
        "중복된 키 {key!r}: 같은 이름의 섹션이나 리소스가 두 번 나옵니다"
    ),
    "duplicate key {key!r}: the last value counts, as in every YAML parser": (
        "중복된 키 {key!r}: 다른 YAML 파서와 마찬가지로 마지막 값을 씁니다"
    ),
    "the file is empty": "파일이 비어 있습니다",
    "malformed YAML: {error}": "잘못된 YAML: {error}",
    "malformed template: {error}": "잘못된 템플릿: {error}",
    "the template is nested too deeply (the limit is {limit} levels)": (
        "템플릿의 중첩이 너무 깊습니다(한도 {limit}단계)"
    ),
    "a template is a mapping with a Resources section": "템플릿은 Resources 섹션이 있는 매핑이어야 합니다",
    "the template has no Resources section (is it a SAM or CloudFormation template?)": (
        "템플릿에 Resources 섹션이 없습니다(SAM 또는 CloudFormation 템플릿이 맞나요?)"
    ),
    "the template has {count:,} resources; CloudFormation allows {limit} in one template": (
        "템플릿의 리소스가 {count:,}개입니다. CloudFormation은 템플릿 하나에 {limit}개까지 허용합니다"
    ),
    "resource {id} has no Type": "리소스 {id}: Type이 없습니다",
    "{file}: DTDs and entities are not allowed in a draw.io file": (
        "{file}: draw.io 파일에는 DTD와 엔터티를 쓸 수 없습니다"
    ),
    "{file}: malformed XML ({error})": "{file}: 잘못된 XML({error})",
    "the compressed page": "압축된 페이지",
    "the draw.io page is neither XML nor a compressed page": "draw.io 페이지가 XML도, 압축된 페이지도 아닙니다",
    "the compressed draw.io page inflates to more than {limit:,} bytes": (
        "압축된 draw.io 페이지의 압축을 풀면 {limit:,}바이트를 넘습니다"
    ),
    "the draw.io file has no page": "draw.io 파일에 페이지가 없습니다",
    "not a draw.io file (the root element is <{tag}>)": "draw.io 파일이 아닙니다(루트 요소: <{tag}>)",
    "the draw.io page has no <root>": "draw.io 페이지에 <root> 요소가 없습니다",
    "the page has {count:,} cells; a diagram holds at most {limit:,} components": (
        "페이지의 셀이 {count:,}개입니다. 다이어그램 하나에는 구성 요소를 최대 {limit:,}개까지 둘 수 있습니다"
    ),
    "no component type for {label!r}": "{label!r}에 해당하는 구성 요소 유형이 없습니다",
    "no component type for this shape": "이 도형에 해당하는 구성 요소 유형이 없습니다",
    "an arrow whose ends are not both components": "양 끝이 모두 구성 요소가 아닌 화살표입니다",
    "a text box": "텍스트 상자",
    "(a shape without a name)": "(이름 없는 도형)",
    # The import report (builder/iac/sam_import.py; FOLDED in mapping.py).
    "drawn as {what}": "{what}(으)로 표시",
    "the permission of an edge": "연결의 권한",
    "an edge from its event source to the function": "이벤트 소스에서 함수로 가는 연결",
    "an edge from the topic to the subscriber": "주제에서 구독자로 가는 연결",
    "an edge from the API to its integration": "API에서 통합 대상으로 가는 연결",
    "part of its API": "해당 API의 일부",
    "the authorizer of its API": "해당 API의 권한 부여자",
    "the subnet of its database": "해당 데이터베이스의 서브넷",
    "the subnet of its cache": "해당 캐시의 서브넷",
    "the subnet of its cluster": "해당 클러스터의 서브넷",
    "an edge from the proxy to its database": "프록시에서 데이터베이스로 가는 연결",
    "its task definition": "해당 작업 정의",
    "no component type for it: kept in the template": "해당하는 구성 요소 유형이 없어 템플릿에만 남겨 둡니다",
    "{path} is {value}: kept in the template; the diagram shows the default": (
        "{path} 값이 {value}입니다. 템플릿에는 그대로 두고, 다이어그램에는 기본값을 표시합니다"
    ),
    "VpcConfig.SubnetIds is {value}: the subnets are not in the template, so the function is drawn outside them": (
        "VpcConfig.SubnetIds 값이 {value}입니다. 해당 서브넷이 템플릿에 없어 함수를 서브넷 밖에 그립니다"
    ),
    "event {name} ({type})": "이벤트 {name}({type})",
    "no Type": "Type 없음",
    "{what}: its source is not drawn; kept in the template": "{what}: 이벤트 소스는 그리지 않고 템플릿에만 남겨 둡니다",
    # --- Templates and draw.io files out (builder/iac: sam_export, export) -----------------------
    "subnet {id} is not inside a VPC": "서브넷 {id}: VPC 안에 있지 않습니다",
    "{type} {id} must be inside a subnet": "{type} {id}: 서브넷 안에 있어야 합니다",
    "VPC endpoint {id} must be inside a VPC": "VPC 엔드포인트 {id}: VPC 안에 있어야 합니다",
    "the diagram has no AWS resources to write": "다이어그램에 템플릿으로 내보낼 AWS 리소스가 없습니다",
    "unknown export format {format!r}; choose one of {formats}": (
        "알 수 없는 내보내기 형식 {format!r}입니다. 다음 중 하나를 고르세요: {formats}"
    ),
    # --- Drawing (builder/render) ---------------------------------------------------------------
    "Graphviz is not installed ({binary!r} not found)": "Graphviz가 설치되어 있지 않습니다({binary!r} 없음)",
    "drawing took longer than {limit:g} s and was stopped": "그리기가 {limit:g}초를 넘겨 중단되었습니다",
    "could not start Graphviz: {error}": "Graphviz를 시작할 수 없습니다: {error}",
    "killed by signal {signal} (memory or CPU limit)": "시그널 {signal}에 의해 종료됨(메모리 또는 CPU 한도)",
    "Graphviz failed (exit {code}): {detail}": "Graphviz 실행에 실패했습니다(종료 코드 {code}): {detail}",
    "no output": "출력 없음",
    "this diagram is {w:,} x {h:,} px as a PNG at scale {scale} ({mp:.0f} megapixels; the limit is "
    "{limit:.0f} megapixels and {side:,} px a side). A smaller PNG would be unreadable: {instead}.": (
        "이 다이어그램을 배율 {scale}의 PNG로 만들면 {w:,} x {h:,} px({mp:.0f}메가픽셀)입니다. 한도는 "
        "{limit:.0f}메가픽셀, 한 변 {side:,} px입니다. 더 작게 줄인 PNG는 읽을 수 없으니 {instead}."
    ),
    "export SVG or PDF (vector, any size) or a lower scale instead": (
        "대신 SVG나 PDF(벡터, 크기 제한 없음)로 내보내거나 배율을 낮추세요"
    ),
    "export SVG or PDF (vector, any size) instead": "대신 SVG나 PDF(벡터, 크기 제한 없음)로 내보내세요",
    "format must be one of {choices}": "형식은 다음 중 하나여야 합니다: {choices}",
    "scale must be one of {choices}": "배율은 다음 중 하나여야 합니다: {choices}",
    # --- Presence (builder/collab/presence.py): the log's, when a socket is closed for them --------
    "malformed awareness update": "잘못된 awareness 업데이트",
    "an awareness state is over {limit} bytes": "awareness 상태가 {limit}바이트를 넘습니다",
    "an awareness state is not JSON": "awareness 상태가 JSON이 아닙니다",
    "an awareness state must be an object or null": "awareness 상태는 객체나 null이어야 합니다",
    # --- The API's errors (builder/api) ---------------------------------------------------------
    "the document is invalid: {n} problem": "문서가 올바르지 않습니다: 문제 {n}개",
    "the document is invalid: {n} problems": "문서가 올바르지 않습니다: 문제 {n}개",
    "the server is busy: every database connection is in use; try again in {retry} s": (
        "서버가 바쁩니다. 데이터베이스 연결이 모두 사용 중이니 {retry}초 뒤에 다시 시도하세요"
    ),
    "the database is unreachable; nothing was changed; try again in {retry} s": (
        "데이터베이스에 연결할 수 없습니다. 아무것도 바뀌지 않았으니 {retry}초 뒤에 다시 시도하세요"
    ),
    "the request body is too large; a document may be at most {limit:,} bytes (1 MiB)": (
        "요청 본문이 너무 큽니다. 문서는 최대 {limit:,}바이트(1 MiB)입니다"
    ),
    "no such API endpoint: {path}": "그런 API 엔드포인트가 없습니다: {path}",
    "internal server error; it has been logged": "내부 서버 오류입니다. 기록해 두었습니다",
    "the layout failed: {error}": "레이아웃에 실패했습니다: {error}",
    "the file is over {limit:,} bytes (512 KiB), the limit for a template": (
        "파일이 템플릿 한도인 {limit:,}바이트(512 KiB)를 넘습니다"
    ),
    'send the template as a multipart "file", as {{"text": ...}} or as the request body': (
        '템플릿을 multipart "file"이나 {{"text": ...}}, 또는 요청 본문으로 보내세요'
    ),
    "{file}: the imported diagram is invalid: {error}": "{file}: 가져온 다이어그램이 올바르지 않습니다: {error}",
    # The API's request parser (builder/api/parsers.py) and render requests (services/renders.py).
    "the request body is over {mib} MiB; a document may be at most 1 MiB of JSON": (
        "요청 본문이 {mib} MiB를 넘습니다. 문서는 최대 1 MiB의 JSON입니다"
    ),
    "arrays and objects may nest at most {depth} deep": "배열과 객체는 최대 {depth}단계까지만 중첩할 수 있습니다",
    "{name} is not valid JSON": "{name}은(는) 올바른 JSON 값이 아닙니다",
    "layout must be one of {choices}": "레이아웃은 다음 중 하나여야 합니다: {choices}",
    "you already have {limit} render waiting or drawing, and an account may have at most {limit} at a "
    "time; wait until it finishes (it takes seconds), then try again": (
        "대기 중이거나 그리는 중인 렌더링이 이미 {limit}개 있고, 계정마다 한 번에 최대 {limit}개까지 가능합니다. "
        "그 렌더링이 끝나면(몇 초 걸립니다) 다시 시도하세요"
    ),
    "you already have {limit} renders waiting or drawing, and an account may have at most {limit} at "
    "a time; wait until one finishes (it takes seconds), then try again": (
        "대기 중이거나 그리는 중인 렌더링이 이미 {limit}개 있고, 계정마다 한 번에 최대 {limit}개까지 가능합니다. "
        "하나가 끝나면(몇 초 걸립니다) 다시 시도하세요"
    ),
    # --- The command line (builder/cli) -------------------------------------------------------
    "{severity} {rule} [{where}] {message}. Fix: {hint}": "{severity} {rule} [{where}] {message}. 해결: {hint}",
    "{name}: {errors}, {warnings}, {infos} ({verdict})": "{name}: {errors}, {warnings}, {infos} ({verdict})",
    "{n} error": "오류 {n}개",
    "{n} errors": "오류 {n}개",
    "{n} warning": "경고 {n}개",
    "{n} warnings": "경고 {n}개",
    "{n} info": "정보 {n}개",
    "has errors": "오류 있음",
    "valid": "통과",
    "{message}. Fix: {hint}": "{message}. 해결: {hint}",
    "cannot export {file}: {error}": "{file}: 내보낼 수 없습니다: {error}",
    "{summary}; {count} resources not drawn (not checked)": "{summary}; 그리지 못한 리소스 {count}개(검사하지 않음)",
}

#: Rule ID -> (title, explanation), in Korean.
RULES: dict[str, tuple[str, str]] = {
    "LAMBDA_MEMORY_RANGE": (
        "람다 메모리는 128 MB-10,240 MB여야 합니다",
        "람다 함수의 메모리는 128 MB에서 10,240 MB 사이에서 1 MB 단위로 정하며, CPU와 네트워크 대역폭도 "
        "메모리에 비례해 늘어납니다. 이 범위를 벗어난 값은 함수를 만들 때 AWS가 거부합니다. 범위 안의 정수 MB를 "
        "고르고, 10 GB보다 많은 메모리가 필요한 작업은 Fargate(최대 120 GB)에서 실행하세요.",
    ),
    "LAMBDA_TIMEOUT_MAX": (
        "람다 제한 시간은 1초-900초여야 합니다",
        "람다 호출 한 번은 최대 15분(900초) 동안 실행되며, 제한 시간은 1-900초로 설정합니다. 그보다 오래 걸리는 "
        "작업은 여러 단계로 나누거나 이 제한이 없는 서비스로 옮겨야 합니다. Step Functions는 짧은 호출 여러 개를 "
        "이어 주고 최대 1년까지 기다릴 수 있으며, Fargate는 컨테이너를 필요한 만큼 오래 실행합니다.",
    ),
    "LAMBDA_ENV_SIZE": (
        "람다 환경 변수는 4 KB까지입니다",
        "함수의 환경 변수 전체, 즉 키와 값을 합친 크기는 최대 4 KB(4,096바이트)이며 UTF-8로 세므로 한글 한 "
        "글자는 3바이트입니다. 더 큰 구성은 AWS가 거부합니다. 크거나 민감한 설정은 SSM Parameter Store나 "
        "Secrets Manager에 두고 환경 변수에는 그 이름만 넣으세요.",
    ),
    "LAMBDA_TMP_RANGE": (
        "람다 /tmp 스토리지는 512 MB-10,240 MB여야 합니다",
        "모든 함수에는 512 MB에서 10,240 MB(10 GB) 크기의 임시 /tmp 디렉터리가 있습니다. 실행 환경 하나의 "
        "작업 공간일 뿐, 영구 스토리지가 아닙니다. 범위를 벗어난 값은 AWS가 거부합니다. 남아 있어야 하거나 "
        "10 GB를 넘는 파일은 S3에 두세요(또는 EFS를 마운트하세요).",
    ),
    "LAMBDA_PACKAGE_ZIPPED": (
        "50 MB가 넘는 zip 패키지는 직접 업로드할 수 없습니다",
        "람다에 직접(콘솔, API, CLI) 업로드하는 .zip 배포 패키지는 50 MB까지입니다. 더 큰 아카이브도 먼저 S3에 "
        "올리고 함수가 그 객체를 가리키게 하면, 압축을 푼 크기가 250 MB 미만인 한 동작합니다. 의존성을 줄이거나 "
        "계층으로 옮기면 콜드 스타트도 짧아집니다.",
    ),
    "LAMBDA_PACKAGE_UNZIPPED": (
        "zip 패키지는 압축을 푼 크기가 250 MB 미만이어야 합니다",
        ".zip 패키지의 압축을 푼 내용은 계층을 포함해 최대 250 MB입니다. 어떻게 업로드하든 이 제한은 같습니다. "
        "쓰지 않는 의존성을 지우거나, 최대 10 GB까지 되는 컨테이너 이미지로 함수를 패키징하세요.",
    ),
    "LAMBDA_IMAGE_SIZE": (
        "람다 컨테이너 이미지는 10 GB까지입니다",
        "컨테이너 이미지로 패키징한 함수의 이미지는 압축하지 않은 전체 계층 기준 최대 10,240 MB입니다. 더 큰 "
        "이미지는 거부됩니다. 기본 이미지와 의존성을 줄이거나, 이런 제한이 없는 ECS/Fargate에서 컨테이너를 "
        "실행하세요.",
    ),
    "LAMBDA_IMAGE_RUNTIME_API": (
        "람다 컨테이너 이미지는 Runtime API를 구현해야 합니다",
        "람다는 아무 컨테이너나 실행하지 않습니다. 이미지는 함수가 이벤트를 가져오고 결과를 돌려주는 HTTP "
        "인터페이스인 Lambda Runtime API를 구현해야 합니다. AWS 기본 이미지와 런타임 인터페이스 클라이언트가 이를 "
        "구현합니다. 그렇지 않은 일반 웹 서버나 배치 컨테이너는 ECS나 Fargate에서 실행하세요.",
    ),
    "LAMBDA_REGION_CONCURRENCY": (
        "리전의 예약된 동시성은 900까지입니다",
        "람다의 동시성 할당량은 계정과 리전 단위이며 기본값은 동시에 실행 1,000개입니다. 그중 최소 100은 예약이 "
        "없는 함수를 위해 예약되지 않은 상태로 남아야 합니다. 따라서 할당량을 늘리지 않는 한 한 리전의 예약 합계는 "
        "최대 900입니다. 예약을 줄이고 정말 보장이 필요한 함수에만 남기거나, Service Quotas에서 할당량 증가를 "
        "요청하세요.",
    ),
    "LAMBDA_VPC_REQUIRED": (
        "VPC 전용 리소스에 닿으려면 함수가 VPC 안에 있어야 합니다",
        "람다 함수는 기본적으로 VPC 밖에서 시작합니다. 인터넷과 퍼블릭 AWS 엔드포인트에는 닿지만, VPC 안의 "
        "프라이빗 주소만 가진 ElastiCache, DAX, RDS, RDS Proxy, 내부 로드 밸런서에는 닿지 못합니다. 함수를 "
        "VPC에 연결하세요. 프라이빗 서브넷(두 개 이상의 가용 영역)과, 대상의 보안 그룹이 허용하는 보안 그룹을 "
        "고르면 됩니다.",
    ),
    "LAMBDA_VPC_SECURITY_GROUP": (
        "VPC 안의 함수에는 보안 그룹이 필요합니다",
        "함수를 VPC에 연결하면 람다가 선택한 서브넷에 네트워크 인터페이스를 만들며, 이 인터페이스에는 보안 그룹이 "
        "하나 이상 있어야 합니다. 보안 그룹이 없으면 VPC 구성이 거부됩니다. 데이터베이스나 캐시의 보안 그룹이 "
        "인바운드 트래픽을 허용하는 대상도 바로 이 보안 그룹입니다.",
    ),
    "VPC_EGRESS_MISSING": (
        "VPC 안의 함수가 AWS 서비스에 닿으려면 NAT 게이트웨이나 VPC 엔드포인트가 필요합니다",
        "VPC에 연결된 함수는 퍼블릭 서브넷에 있더라도 프라이빗 IP 주소만 받으므로, 그 자체로는 퍼블릭 AWS "
        "엔드포인트(S3, DynamoDB, SQS, SNS, Step Functions, EventBridge, API Gateway, 람다)에 닿지 못하고 "
        "호출이 타임아웃됩니다. VPC의 퍼블릭 서브넷에 NAT 게이트웨이를 두고 프라이빗 서브넷에서 라우팅하거나, "
        "호출하는 서비스마다 VPC 엔드포인트를 두세요. S3와 DynamoDB용 게이트웨이 엔드포인트는 무료이고, 다른 "
        "서비스의 인터페이스 엔드포인트는 시간당 요금이 붙습니다.",
    ),
    "LAMBDA_RDS_PROXY": (
        "함수는 RDS Proxy를 거쳐 RDS에 연결해야 합니다",
        "람다의 동시 실행 하나하나가 데이터베이스 연결을 따로 열기 때문에, 호출이 몰리면 데이터베이스의 연결 "
        "한도와 메모리가 바닥날 수 있습니다. RDS Proxy는 연결 풀을 유지해 호출끼리 나눠 쓰게 하고, 장애 조치가 "
        "더 빠르며, 코드 속 비밀번호 대신 IAM 인증과 Secrets Manager를 쓸 수 있게 합니다.",
    ),
    "VPC_ONLY_RESOURCE": (
        "ElastiCache, DAX, RDS, RDS Proxy는 서브넷 안에 있습니다",
        "ElastiCache 클러스터, DAX 클러스터, RDS 데이터베이스, RDS Proxy는 VPC의 서브넷 그룹에 만들어지며 VPC "
        "밖에는 존재하지 않습니다. 배포되는 (프라이빗) 서브넷 안에 그려야 무엇이 이 리소스에 닿을 수 있는지가 "
        "보입니다.",
    ),
    "CONTAINER_NESTING": (
        "컨테이너와 글로벌 서비스는 AWS가 허용하는 방식으로 중첩합니다",
        "AWS 네트워킹의 중첩은 한 가지입니다. 리전 안에 VPC, VPC 안에 서브넷, 서브넷 안에 리소스의 네트워크 "
        "인터페이스가 있습니다. VPC 밖의 서브넷, 서브넷 안의 VPC, 무언가의 안에 있는 리전은 존재하지 않습니다. "
        "글로벌 서비스(CloudFront, CloudFront Functions, Lambda@Edge, Route 53, Cognito)와 외부 클라이언트는 "
        "어떤 VPC에도 배포되지 않으며, VPC의 퍼블릭 진입점(로드 밸런서, API Gateway, NAT)을 통해 닿습니다.",
    ),
    "EDGE_FUNCTION_REGION": (
        "Lambda@Edge 함수는 us-east-1에서 만듭니다",
        "Lambda@Edge 함수는 미국 동부(버지니아 북부) us-east-1에서 작성하며, CloudFront가 전 세계 엣지 "
        "로케이션으로 복제합니다. 다른 리전에서 만든 함수는 배포에 연결할 수 없습니다. 애플리케이션의 나머지가 "
        "어디에서 실행되든, 함수(와 IAM 역할)는 us-east-1에서 만드세요.",
    ),
    "EDGE_FUNCTION_RUNTIME": (
        "Lambda@Edge는 Node.js와 Python만 지원합니다",
        "Lambda@Edge는 Node.js와 Python 런타임만 실행합니다. Java, Go, .NET, Ruby, 사용자 지정 런타임과 컨테이너 "
        "이미지는 엣지에서 지원하지 않습니다. 함수를 Node.js나 Python으로 다시 작성하거나, 로직을 오리진 뒤"
        "(API Gateway + 람다)로 옮기세요.",
    ),
    "EDGE_FUNCTION_LIMITS": (
        "Lambda@Edge 제한 시간, 메모리, 패키지 한도",
        "Lambda@Edge는 리전 람다보다 한도가 빡빡하고, 캐시 적중을 포함한 모든 요청에서 실행되는 뷰어 트리거는 "
        "더 빡빡합니다. viewer-request와 viewer-response 함수는 최대 5초, 메모리 128 MB, 패키지 1 MB이고, "
        "캐시 미스에서만 실행되는 origin-request와 origin-response 함수는 최대 30초, 10,240 MB, 패키지 50 MB"
        "입니다. 무거운 작업은 오리진 트리거나 오리진 뒤로 옮기세요.",
    ),
    "EDGE_FUNCTION_ATTACHMENT": (
        "엣지 함수는 CloudFront 배포에 연결되어야만 실행됩니다",
        "Lambda@Edge 함수와 CloudFront Functions는 직접 호출하지 않습니다. CloudFront가 배포의 캐시 동작에서 "
        "뷰어나 오리진 이벤트가 일어날 때 실행합니다. 어떤 배포도 쓰지 않는 엣지 함수는 한 번도 실행되지 않습니다. "
        "요청이나 응답을 처리할 배포에 연결하세요.",
    ),
    "CF_FUNCTION_RUNTIME": (
        "CloudFront Functions는 cloudfront-js만 실행합니다",
        "CloudFront Functions는 모든 엣지 로케이션에서 1밀리초 안에 시작하는 CloudFront 자체의 가벼운 "
        "JavaScript 런타임(cloudfront-js-1.0 또는 cloudfront-js-2.0)에서 실행됩니다. 다른 언어는 쓸 수 없으며, "
        "라이브러리를 쓰는 Python이나 Node.js가 필요하면 Lambda@Edge를 사용하세요.",
    ),
    "CF_FUNCTION_TRIGGER": (
        "CloudFront Functions는 뷰어 이벤트에서만 실행됩니다",
        "CloudFront Functions는 엣지에서 모든 요청에 일어나는 viewer-request와 viewer-response 이벤트만 "
        "처리합니다. 캐시 미스에서 일어나는 origin-request와 origin-response 이벤트에는 Lambda@Edge가 필요합니다.",
    ),
    "CF_FUNCTION_NETWORK": (
        "CloudFront Functions에는 네트워크 접근이 없습니다",
        "CloudFront Function은 네트워크도 파일 시스템도 없이 1밀리초 미만 동안 실행됩니다. 주어진 요청이나 "
        "응답을 고쳐 쓸 수는 있지만 S3, DynamoDB, API 등 다른 무엇도 호출할 수 없습니다. 데이터를 가져오거나 "
        "저장해야 하는 로직은 네트워크 접근이 있는 Lambda@Edge나 오리진에 두세요.",
    ),
    "CF_FUNCTION_SIZE": (
        "CloudFront Function 코드는 10 KB까지입니다",
        "CloudFront Function의 코드는 최대 10 KB입니다. 이 한도 덕분에 함수가 모든 요청에서 1밀리초 안에 시작할 "
        "만큼 작게 유지됩니다. 더 큰 로직이나 의존성이 있는 로직은 Lambda@Edge로 옮기세요.",
    ),
    "DYNAMODB_ITEM_SIZE": (
        "DynamoDB 항목은 400 KB까지입니다",
        "DynamoDB 항목 하나는 속성 이름과 값을 합쳐 최대 400 KB이며, 더 큰 쓰기는 거부됩니다. DynamoDB는 큰 "
        "객체를 둘 곳이 아닙니다. 객체는 S3에 저장하고 항목에는 객체 키(와 조회에 쓰는 메타데이터)를 두세요.",
    ),
    "DYNAMODB_CAPACITY_SPIKY": (
        "급증하는 트래픽에는 온디맨드 용량이 맞습니다",
        "프로비저닝된 용량은 꾸준하고 예측 가능한 부하에 가장 저렴하지만, Auto Scaling은 몇 분 단위로 반응하므로 "
        "프로비저닝된 처리량을 넘는 갑작스러운 급증은 스로틀링됩니다. 온디맨드 모드는 요청에 맞춰 즉시 확장되고 "
        "요청 단위로 과금되므로, 급증하거나 예측할 수 없는 트래픽에 필요한 방식입니다.",
    ),
    "DYNAMODB_STREAM_DISABLED": (
        "스트림 트리거에는 테이블의 스트림이 켜져 있어야 합니다",
        "DynamoDB 테이블이 트리거하는 함수는 이벤트 소스 매핑을 통해 테이블의 스트림(24시간 동안의 항목 변경)을 "
        "읽습니다. 테이블에 스트림이 켜져 있지 않으면 읽을 것이 없어 매핑을 만들 수 없습니다. 테이블의 스트림을 "
        "켜세요(보통 새 이미지와 이전 이미지).",
    ),
    "DYNAMODB_STREAM_CONSUMERS": (
        "테이블 하나의 스트림은 함수 두 개까지만 읽어야 합니다",
        "DynamoDB Streams는 샤드당 동시에 읽는 쪽을 두 개까지만 허용하며, 그보다 많으면 스로틀링되어 뒤처집니다. "
        "더 많은 컨슈머로 팬아웃하려면 함수 하나가 변경 사항을 SNS나 EventBridge에 게시하게 하거나, Kinesis Data "
        "Streams for DynamoDB를 사용하세요.",
    ),
    "DAX_TARGET": (
        "DAX 클러스터는 DynamoDB 테이블을 캐시합니다",
        "DAX는 DynamoDB 앞에 두는 API 호환 인메모리 캐시입니다. GetItem, Query, Scan을 메모리에서 응답하고 쓰기는 "
        "테이블로 그대로 전달합니다. 테이블에 연결되지 않은 DAX 클러스터는 아무것도 캐시하지 않습니다. 앞에 둘 "
        "테이블에 연결하면 애플리케이션이 DynamoDB 대신 DAX를 호출합니다.",
    ),
    "CLIENT_DIRECT_LAMBDA": (
        "클라이언트가 함수를 직접 호출하면 안 됩니다",
        "브라우저나 앱에서 Lambda Invoke API를 부르려면 클라이언트에 AWS IAM 자격 증명이 있어야 하고, HTTP "
        "엔드포인트, 스로틀링, 캐싱, 요청 검증도 없습니다. 둘 사이에 HTTP 진입점을 두세요. API Gateway(인증, "
        "사용량 계획, 스테이지, 스로틀링)나 Application Load Balancer, 또는 자체 인증이 있는 함수 URL입니다.",
    ),
    "CLIENT_DIRECT_AWS": (
        "클라이언트는 Cognito 자격 증명이 있을 때만 S3나 DynamoDB에 직접 닿을 수 있습니다",
        "브라우저나 모바일 앱이 S3나 DynamoDB를 직접 호출하려면 임시 AWS 자격 증명이 필요하며, 이는 Cognito 자격 "
        "증명 풀이 (로그인한 사용자에게, 자기 데이터로 범위가 제한된 IAM 역할에 매핑해) 발급합니다. 클라이언트에 "
        "장기 액세스 키를 넣으면 모두에게 키를 나눠 주는 셈입니다. 클라이언트를 자격 증명 풀에 연결하거나, "
        "API Gateway를 거치거나, S3 미리 서명된 URL을 사용하세요.",
    ),
    "APIGW_AUTHORIZER_MISSING": (
        "Cognito 권한 부여자에는 사용자 풀이 필요합니다",
        "API Gateway의 Cognito 권한 부여자는 사용자가 Cognito 사용자 풀에서 받은 JWT를 검증하며, 그 사용자 풀로 "
        "구성됩니다. 사용자 풀이 없으면 API가 어떤 토큰도 검증하지 못해 모든 요청이 거부되거나 권한 부여자를 만들 "
        "수 없습니다. 사용자를 로그인시키는 사용자 풀에 API를 연결하세요.",
    ),
    "APIGW_INTEGRATION_TIMEOUT": (
        "API Gateway는 29초가 지나면 기다리지 않습니다",
        "REST API와 HTTP API는 기본적으로 통합을 최대 29초(HTTP API는 30초) 기다립니다. 그 뒤 클라이언트는 504를 "
        "받지만 함수는 계속 실행되며 과금됩니다. 제한 시간이 더 긴 함수가 API 뒤에 있다면 비동기로 처리해야 할 "
        "작업이라는 신호입니다. 즉시 202를 돌려주고 작업은 SQS나 Step Functions에 넘기거나, 함수 제한 시간을 "
        "API가 기다리는 시간으로 낮추세요.",
    ),
    "APIGW_PRIVATE_REACH": (
        "프라이빗 API는 VPC 안에서만 닿을 수 있습니다",
        "프라이빗 API Gateway 엔드포인트는 VPC 안에서 인터페이스 VPC 엔드포인트(execute-api)를 통해서만 닿을 수 "
        "있으며, 인터넷의 클라이언트는 응답을 받지 못합니다. 퍼블릭 클라이언트에는 리전 또는 엣지 최적화 "
        "엔드포인트를 쓰거나, 호출하는 쪽을 VPC 안에 두세요(또는 VPN이나 Direct Connect로 네트워크를 연결하세요).",
    ),
    "APIGW_EDGE_CERT_REGION": (
        "CloudFront와 엣지 최적화 API에는 us-east-1의 ACM 인증서가 필요합니다",
        "CloudFront는 미국 동부(버지니아 북부)의 ACM에서만 TLS 인증서를 읽습니다. 사용자 지정 도메인을 쓰는 "
        "CloudFront 배포와 (CloudFront 위에서 동작하는) 엣지 최적화 API Gateway는, 애플리케이션이 어디에서 "
        "실행되든 us-east-1에서 요청하거나 가져온 인증서를 써야 합니다. 리전 API와 ALB는 자기 리전의 인증서를 "
        "씁니다.",
    ),
    "SQS_VISIBILITY_BELOW_TIMEOUT": (
        "대기열의 표시 제한 시간은 함수의 제한 시간 이상이어야 합니다",
        "함수가 배치를 처리하는 동안 SQS는 대기열의 표시 제한 시간만큼 메시지를 숨깁니다. 이 시간이 함수 제한 "
        "시간보다 짧으면 첫 호출이 아직 실행 중인데 메시지가 다시 나타나 두 번 처리되므로, 람다는 이벤트 소스 매핑 "
        "생성을 거부합니다. 표시 제한 시간을 함수 제한 시간 이상으로 설정하세요(AWS 권장은 6배).",
    ),
    "SQS_VISIBILITY_TIMEOUT": (
        "대기열의 표시 제한 시간은 함수 제한 시간의 6배가 좋습니다",
        "AWS는 표시 제한 시간을 소비하는 함수 제한 시간의 6배 이상으로 두라고 권장합니다. 람다는 스로틀링된 "
        "호출을 재시도하고, 폴러가 확장되는 동안 배치가 기다립니다. 여유가 적으면 아직 처리 중인 메시지가 다시 "
        "보이게 되어 두 번 전달됩니다.",
    ),
    "S3_RECURSIVE_TRIGGER": (
        "자신을 트리거한 버킷에 다시 쓰는 함수는 무한 반복될 수 있습니다",
        "버킷의 이벤트 알림이 호출한 함수가 같은 버킷에 객체를 쓰면, 쓸 때마다 함수가 다시 트리거될 수 있습니다. "
        "요금만 쌓이는 무한 루프입니다. 결과는 다른 버킷에 쓰거나, 함수가 절대 쓰지 않는 접두사나 접미사로 "
        "트리거를 제한하세요(예: uploads/로 들어오고 thumbnails/로 나감). 람다의 재귀 루프 감지는 이런 루프 중 "
        "일부만 멈춥니다.",
    ),
    "SFN_EXPRESS_DURATION": (
        "Express 워크플로는 최대 5분 실행됩니다",
        "Step Functions Express 워크플로는 대량의 짧은 이벤트 처리를 위한 것으로 5분(300초) 후에 중지됩니다. "
        "Standard 워크플로는 최대 1년까지 실행되며, 정확히 한 번 실행과 모든 단계의 시각적 기록을 제공합니다. "
        "오래 걸리거나 사람이 개입하는 워크플로에는 Standard를 사용하세요.",
    ),
    "LAMBDA_TO_LAMBDA": (
        "함수가 함수를 직접 호출하면 안 됩니다",
        "다른 함수를 동기로 호출하는 함수는 그 함수를 기다리는 동안에도 과금되고, 실패와 제한 시간이 서로 묶이며, "
        "재시도와 오류 처리가 임시방편이 됩니다. 단계는 Step Functions로 오케스트레이션하거나, SQS, SNS, "
        "EventBridge로 분리해 각 함수가 한 가지 일만 하고 따로 실패하게 하세요.",
    ),
    "FARGATE_TASK_SIZE": (
        "Fargate 작업의 CPU와 메모리는 정해진 조합만 있습니다",
        "Fargate 작업의 CPU와 메모리는 정해진 표에서 함께 고릅니다. 0.25 vCPU는 512, 1024, 2048 MB, 0.5 vCPU는 "
        "1-4 GB, 1 vCPU는 2-8 GB, 2 vCPU는 4-16 GB, 4 vCPU는 8-30 GB(모두 1 GB 단위), 8 vCPU는 16-60 GB(4 GB "
        "단위), 16 vCPU는 32-120 GB(8 GB 단위)입니다. 다른 조합은 작업 정의를 등록할 때 거부됩니다.",
    ),
    "ALB_COGNITO_HTTPS": (
        "Cognito를 쓰는 ALB 인증에는 HTTPS 리스너가 필요합니다",
        "Application Load Balancer는 요청을 전달하기 전에 Cognito 사용자 풀로 사용자를 로그인시킬 수 있지만, "
        "authenticate-cognito 작업은 HTTPS 리스너에서만 쓸 수 있습니다. 세션 쿠키와 토큰이 평문으로 오가면 안 되기 "
        "때문입니다. ACM 인증서가 있는 HTTPS 리스너를 쓰고 HTTP는 HTTPS로 리디렉션하세요.",
    ),
    "APIGW_NO_AUTH": (
        "권한 부여자가 없는 퍼블릭 API",
        "퍼블릭 엔드포인트에 권한 부여자가 없는 API는 인터넷의 누구에게나 응답합니다. 공개 콘텐츠라면 맞지만, "
        "대부분의 API는 호출하는 쪽을 확인해야 합니다. AWS 호출자에게는 IAM, 우리 사용자에게는 Cognito 사용자 풀, "
        "자체 토큰에는 Lambda 권한 부여자를 쓰세요. 어느 경우든 스로틀링과 AWS WAF를 더하세요.",
    ),
    "CONNECTION_UNSUPPORTED": (
        "AWS가 지원하지 않는 연결",
        "엣지는 출발지가 대상을 호출하거나, 트리거하거나, 데이터를 보내거나, 읽고 쓴다는 뜻입니다. 어떤 서비스 "
        "쌍에는 AWS에 그런 통합이 없습니다(S3 버킷은 RDS 데이터베이스에 쓸 수 없고, 자격 증명 풀은 클라이언트에 "
        "자격 증명을 줄 뿐 스스로 아무것도 호출하지 않으며, VPC 엔드포인트는 자기 서비스에만 닿습니다). 또한 "
        "컨테이너(리전, VPC, 서브넷)는 호출하는 주체가 아니라 위치이므로 엣지는 구성 요소끼리 그리세요. 편집기의 "
        "팔레트에 각 구성 요소가 연결할 수 있는 대상이 나옵니다.",
    ),
    "ISOLATED_NODE": (
        "연결이 없는 구성 요소",
        "아무것도 호출하지 않고 아무도 호출하지 않는 구성 요소는 대개 그리다 만 다이어그램이거나 남은 "
        "흔적입니다. 서비스끼리 어떻게 통신하는지 검사하는 규칙들도 이 구성 요소에 대해서는 아무 말도 할 수 "
        "없습니다. 사용하는 쪽에 연결하거나 삭제하세요.",
    ),
    "LAMBDA_SECURITY_GROUP_COUNT": (
        "함수에는 보안 그룹을 최대 5개까지 붙일 수 있습니다",
        "VPC에 연결된 함수는 서브넷마다 네트워크 인터페이스를 하나씩 받으며, 이 인터페이스에는 보안 그룹을 최대 "
        "5개까지 붙일 수 있어 여섯 번째는 AWS가 거부합니다. 여러 그룹의 규칙을 더 적고 넓은 그룹으로 합치세요"
        "(보안 그룹은 다른 보안 그룹을 소스로 허용할 수 있습니다).",
    ),
    "DAX_NODE_COUNT": (
        "DAX 클러스터의 노드는 1-11개입니다",
        "DAX 클러스터는 기본 노드 하나와 읽기 전용 복제본 최대 10개, 즉 노드 1-11개로 구성됩니다. 다른 크기는 AWS가 "
        "거부합니다. 노드가 하나면 장애 조치가 없으므로, 프로덕션에서는 가용 영역에 나눠 3개 이상을 두어 노드나 "
        "영역 하나를 잃어도 캐시를 잃지 않게 하세요.",
    ),
    "SQS_VISIBILITY_RANGE": (
        "SQS 표시 제한 시간은 0초-12시간입니다",
        "컨슈머가 메시지를 처리하는 동안 SQS는 대기열의 표시 제한 시간만큼 다른 컨슈머에게서 메시지를 숨깁니다. "
        "이 값은 0-43,200초(12시간)이며 다른 값은 AWS가 거부합니다. 더 오래 걸리는 작업은 처리하면서 표시 제한 "
        "시간을 연장하거나(ChangeMessageVisibility) Step Functions로 옮기세요.",
    ),
    "COMPONENT_PLACEMENT": (
        "구성 요소는 AWS가 배포하는 위치에 둡니다",
        "AWS 구성 요소마다 놓이는 위치가 정해져 있습니다. NAT 게이트웨이는 퍼블릭 서브넷에(서브넷의 인터넷 "
        "게이트웨이 경로가 필요합니다), VPC 엔드포인트는 VPC 안에(인터페이스 엔드포인트는 그 서브넷에), 람다 함수나 "
        "Fargate 작업은 VPC 밖이거나 서브넷에 연결된 상태로(VPC 전체에 연결되지는 않습니다), S3, DynamoDB, SQS, "
        "API Gateway 같은 리전 서비스는 모든 VPC 밖에 있고 엔드포인트를 통해 닿습니다. 다른 곳에 그린 구성 요소는 "
        "AWS에 그런 모습으로 존재하지 않습니다. (컨테이너와 글로벌 서비스는 CONTAINER_NESTING이, 서브넷이 필요한 "
        "리소스는 VPC_ONLY_RESOURCE가 다룹니다.)",
    ),
    "LAMBDA_ASYNC_FAILURE_DESTINATION": (
        "비동기로 호출되는 함수에는 실패 대상이 필요합니다",
        "S3, SNS, EventBridge는 함수를 비동기로 호출합니다. 람다는 이벤트를 대기열에 넣고, 실패한 호출을 두 번 "
        "재시도한 뒤 버립니다. 실패 시 대상(또는 배달 못한 편지 대기열)이 없으면 이벤트는 흔적 없이 사라집니다. "
        "실패가 어디로 가는지 그리세요. 함수에서 SQS 대기열, SNS 주제, EventBridge 버스, 다른 함수, S3 버킷으로 "
        "가는 엣지입니다(다이어그램으로는 대상과 출력을 구분할 수 없으므로 그런 엣지는 모두 인정합니다).",
    ),
    "STREAM_FAILURE_DESTINATION": (
        "스트림 이벤트 소스 매핑에는 실패 시 대상이 필요합니다",
        "이벤트 소스 매핑으로 DynamoDB 스트림을 읽는 함수는 실패한 배치를 성공하거나 레코드가 만료될 때(24시간)까지 "
        "재시도하며, 그동안 샤드가 막힙니다. 재시도 한도를 두면 실패한 배치는 버려집니다. 실패 시 대상(SQS, SNS, "
        "S3)은 버려진 배치마다 기록을 남겨 나중에 다시 처리할 수 있게 합니다. 함수에서 대기열, 주제, 버킷으로 가는 "
        "엣지로 그리세요.",
    ),
    "SQS_DEAD_LETTER_QUEUE": (
        "대기열에는 배달 못한 편지 대기열이 필요합니다",
        "컨슈머가 계속 처리에 실패하는 메시지는 표시 제한 시간이 지날 때마다 대기열로 돌아오며, 보존 기간(기본 "
        "4일)이 끝날 때까지 반복됩니다. 매번 처리 시도 비용이 들고 실패는 가려집니다. 리드라이브 정책은 수신 횟수가 "
        "일정 수를 넘은 메시지를 배달 못한 편지 대기열(DLQ)로 옮겨, 살펴보고 다시 보낼 수 있게 합니다. DLQ는 이 "
        "대기열에서 다른 대기열로 가는 엣지로 그리세요(DLQ 자신에게는 필요 없습니다).",
    ),
    "PROP_NEGATIVE": (
        "크기, 개수, 시간은 음수일 수 없습니다",
        "패키지나 이미지 크기, 항목 크기, 코드 크기, 예약된 동시성, 스로틀 속도, 예상 실행 시간은 0 이상입니다. "
        "AWS API는 이 중 어느 것에도 음수를 받지 않으며, -5 MB라고 적힌 다이어그램은 실제 값을 다른 모든 규칙에서 "
        "가리는 오타입니다(음수 패키지는 50 MB를 넘는 일이 없습니다). 실제 값을 입력하세요.",
    ),
    "LAMBDA_DEFAULT_SIZE_BEHIND_API": (
        "API 뒤의 함수가 람다 기본 메모리나 제한 시간을 그대로 씁니다",
        "람다 기본값인 메모리 128 MB와 제한 시간 3초는 API 요청에 응답하는 함수에 맞는 경우가 드뭅니다. 메모리가 "
        "CPU 몫도 정하므로(128 MB는 vCPU의 작은 일부만 받아 콜드 스타트와 요청이 느립니다), 3초는 많은 다운스트림 "
        "호출보다 짧아 요청이 타임아웃으로 실패합니다. 두 값을 의도적으로 정하고(Lambda Power Tuning으로 측정), "
        "제한 시간은 API의 29초보다 짧게 유지하세요.",
    ),
}
