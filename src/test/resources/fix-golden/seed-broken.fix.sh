#!/usr/bin/env bash
# pullpath fix plan pp-49923400672e057d for account 111122223333 in ap-northeast-1
# Review every command before running it. Steps run in the plan's order and the script stops at
# the first failure; after one, plan again (scan --fix --fix-script) for a script of what is left.
# What it creates carries the client token and pullpath:plan tag that 'pullpath apply' would send;
# unlike apply, it does not check that the account is still as planned, does not preflight its
# permissions and does not wait for new endpoints to become available.
set -euo pipefail

# 1. Turn on DNS hostnames (enableDnsHostnames) of VPC vpc-0a1b2c3d4e5f60001
#    changes existing configuration; resolves b13ba119d1a70d04b1d10c27a3134249
aws ec2 modify-vpc-attribute --region ap-northeast-1 --vpc-id vpc-0a1b2c3d4e5f60001 --enable-dns-hostnames '{"Value":true}'

# 2. Allow outbound TCP 443 from sg-0apiservice0000001 to pl-61a54008
#    adds; resolves bce58aa8b47e8e89f0553e5e41adbb9c
aws ec2 authorize-security-group-egress --region ap-northeast-1 --group-id sg-0apiservice0000001 --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-61a54008}]'

# 3. Allow inbound TCP 443 on sg-0endpoints00000001 from 10.0.2.0/24
#    adds; resolves 3ab0f13871cf32354ba54b02d8620573 6b53e677c27aa32048daf67326a9aaf9 740250280fa04e885365e224dab07586 c90649ed7585ae0ef16e5d52f14b896b e4f6204961b8772accb7b5e414f6d434
aws ec2 authorize-security-group-ingress --region ap-northeast-1 --group-id sg-0endpoints00000001 --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=10.0.2.0/24}]'

# 4. Add subnets subnet-0cc2222222222222c to interface endpoint vpce-0ecrdkr0000000001
#    adds; cost: interface endpoint: billed per AZ-hour, 1 more AZ; resolves 740250280fa04e885365e224dab07586
aws ec2 modify-vpc-endpoint --region ap-northeast-1 --vpc-endpoint-id vpce-0ecrdkr0000000001 --add-subnet-ids subnet-0cc2222222222222c

# 5. Associate route tables rtb-0main000000000001 with gateway endpoint vpce-0s3gateway000000001; the VPC's main route table is among them, so the S3 traffic of every subnet without a route table of its own then goes through the endpoint and its policy too
#    changes existing configuration; cost: S3 gateway endpoint: no charge; resolves c59d60b2d6540c55e68a1167bfd812b4
aws ec2 modify-vpc-endpoint --region ap-northeast-1 --vpc-endpoint-id vpce-0s3gateway000000001 --add-route-table-ids rtb-0main000000000001

# 6. Create interface endpoint com.amazonaws.ap-northeast-1.ecr.api in vpc-0a1b2c3d4e5f60001 (private DNS) in subnet-0aa1111111111111a, subnet-0cc2222222222222c with sg-0endpoints00000001
#    adds; cost: interface endpoint: billed per AZ-hour (2 AZs) plus per GB processed; resolves e4f6204961b8772accb7b5e414f6d434
aws ec2 create-vpc-endpoint --region ap-northeast-1 --vpc-endpoint-type Interface --vpc-id vpc-0a1b2c3d4e5f60001 --service-name com.amazonaws.ap-northeast-1.ecr.api --subnet-ids subnet-0aa1111111111111a subnet-0cc2222222222222c --security-group-ids sg-0endpoints00000001 --private-dns-enabled --client-token ea8f8d2a5ac07167daef37166504ff28 --tag-specifications '[{"ResourceType":"vpc-endpoint","Tags":[{"Key":"pullpath:plan","Value":"pp-49923400672e057d"}]}]'

# 7. Create interface endpoint com.amazonaws.ap-northeast-1.logs in vpc-0a1b2c3d4e5f60001 (private DNS) in subnet-0aa1111111111111a, subnet-0cc2222222222222c with sg-0endpoints00000001
#    adds; cost: interface endpoint: billed per AZ-hour (2 AZs) plus per GB processed; resolves c90649ed7585ae0ef16e5d52f14b896b
aws ec2 create-vpc-endpoint --region ap-northeast-1 --vpc-endpoint-type Interface --vpc-id vpc-0a1b2c3d4e5f60001 --service-name com.amazonaws.ap-northeast-1.logs --subnet-ids subnet-0aa1111111111111a subnet-0cc2222222222222c --security-group-ids sg-0endpoints00000001 --private-dns-enabled --client-token d3b1aa10e879148c2113b505dde94457 --tag-specifications '[{"ResourceType":"vpc-endpoint","Tags":[{"Key":"pullpath:plan","Value":"pp-49923400672e057d"}]}]'

# 8. Create interface endpoint com.amazonaws.ap-northeast-1.secretsmanager in vpc-0a1b2c3d4e5f60001 (private DNS) in subnet-0aa1111111111111a, subnet-0cc2222222222222c with sg-0endpoints00000001
#    adds; cost: interface endpoint: billed per AZ-hour (2 AZs) plus per GB processed; resolves 6b53e677c27aa32048daf67326a9aaf9
aws ec2 create-vpc-endpoint --region ap-northeast-1 --vpc-endpoint-type Interface --vpc-id vpc-0a1b2c3d4e5f60001 --service-name com.amazonaws.ap-northeast-1.secretsmanager --subnet-ids subnet-0aa1111111111111a subnet-0cc2222222222222c --security-group-ids sg-0endpoints00000001 --private-dns-enabled --client-token 2e0c2c3ac55af6a9624b51416eb5fb15 --tag-specifications '[{"ResourceType":"vpc-endpoint","Tags":[{"Key":"pullpath:plan","Value":"pp-49923400672e057d"}]}]'

# 9. Create pull-through cache rule quay -> quay.io, then validate it
#    adds; cost: cached images are billed as ECR storage; resolves f746550e3c26403c30f8dad2fa5ce320
aws ecr create-pull-through-cache-rule --region ap-northeast-1 --ecr-repository-prefix quay --upstream-registry quay --upstream-registry-url quay.io && aws ecr validate-pull-through-cache-rule --region ap-northeast-1 --ecr-repository-prefix quay

# 10. Put inline policy pullpath-pull-through-cache on role apiTaskExecutionRole granting ecr:BatchImportUpstreamImage, ecr:CreateRepository, secretsmanager:GetSecretValue
#    adds; resolves 1d1261fc518affec51c60e543dd0fc60
aws iam put-role-policy --region ap-northeast-1 --role-name apiTaskExecutionRole --policy-name pullpath-pull-through-cache --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"Pullpath77814f8eea","Effect":"Allow","Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],"Resource":["arn:aws:ecr:ap-northeast-1:111122223333:repository/docker-hub/*","arn:aws:ecr:ap-northeast-1:111122223333:repository/quay/*"]},{"Sid":"Pullpath7449000db8","Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:api/db-password-Zx98Yw"]}]}'

# 11. Put inline policy pullpath-pull-through-cache on role ecsTaskExecutionRole granting ecr:BatchImportUpstreamImage, ecr:CreateRepository
#    adds; resolves no current finding: prevents one the plan's new task-definition revisions would raise
aws iam put-role-policy --region ap-northeast-1 --role-name ecsTaskExecutionRole --policy-name pullpath-pull-through-cache --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"Pullpath2e8e3f2d9b","Effect":"Allow","Action":["ecr:BatchImportUpstreamImage","ecr:CreateRepository"],"Resource":["arn:aws:ecr:ap-northeast-1:111122223333:repository/docker-hub/*"]}]}'

# 12. Register a new revision of api from arn:aws:ecs:ap-northeast-1:111122223333:task-definition/api:7 with app -> 111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/nginx:1.27
#    adds; resolves no finding by itself: its services keep the old revision until moved (--update-services)
aws ecs describe-task-definition --region ap-northeast-1 --task-definition arn:aws:ecs:ap-northeast-1:111122223333:task-definition/api:7 --include TAGS --output json | jq --arg container1 app --arg image1 111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/nginx:1.27 --arg tagKey1 pullpath:plan --arg tagValue1 pp-49923400672e057d '(.taskDefinition | del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt) | .containerDefinitions |= map(if .name == $container1 then .image = $image1 else . end)) + {tags: (.tags | (. // []) | map(select(.key != $tagKey1)) + [{key: $tagKey1, value: $tagValue1}])}' > taskdef-api.json && aws ecs register-task-definition --region ap-northeast-1 --cli-input-json file://taskdef-api.json

# 13. Register a new revision of httpd from arn:aws:ecs:ap-northeast-1:111122223333:task-definition/httpd:1 with httpd -> 111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/httpd:latest
#    adds; resolves no finding by itself: its services keep the old revision until moved (--update-services)
aws ecs describe-task-definition --region ap-northeast-1 --task-definition arn:aws:ecs:ap-northeast-1:111122223333:task-definition/httpd:1 --include TAGS --output json | jq --arg container1 httpd --arg image1 111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/docker-hub/library/httpd:latest --arg tagKey1 pullpath:plan --arg tagValue1 pp-49923400672e057d '(.taskDefinition | del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt) | .containerDefinitions |= map(if .name == $container1 then .image = $image1 else . end)) + {tags: (.tags | (. // []) | map(select(.key != $tagKey1)) + [{key: $tagKey1, value: $tagValue1}])}' > taskdef-httpd.json && aws ecs register-task-definition --region ap-northeast-1 --cli-input-json file://taskdef-httpd.json

# Not fixed by this plan:
#   PP006 vpce-0s3gateway000000001: Deny statement(s) DenyForeignBuckets of vpce-0s3gateway000000001 block image pulls; --fix removes a Deny only with --allow-policy-rewrite
#   PP009 docker-hub: rule docker-hub names a secret that does not exist: give --credential-arn docker-hub=ARN of an existing ecr-pullthroughcache/ secret
#   PP009 seed-cluster/api-service: the image is not in the pull-through cache yet: prime it once from a machine with internet access (the finding's docker pull); --fix changes configuration, it pulls no image
#   PP010 sg-0apiservice0000001: opening a service port needs a peer: give --allow-ingress CIDR or sg-id
#   PP010 sg-0httpdservice00001: opening a service port needs a peer: give --allow-ingress CIDR or sg-id
#   PP008 httpd:1: the plan registers a new revision of httpd, but its services keep the old one until moved: give --update-services, or update them yourself
#   PP009 api:7: the plan registers a new revision of api, but its services keep the old one until moved: give --update-services, or update them yourself
