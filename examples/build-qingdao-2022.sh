#!/usr/bin/env bash
# Builds the reference example store qingdao-2022.json from the city's bulletin
# (青岛市2022年16件市办实事上半年进展, 市政府办公厅, 2022-07-27), figure by figure,
# using only shishi commands. Every figure comes from the bulletin; a figure it
# does not give has no entry. See SOURCES.md for how each indicator was modelled.
#
# Usage: SHISHI=/path/to/shishi bash examples/build-qingdao-2022.sh
set -euo pipefail
cd "$(dirname "$0")"

SHISHI="${SHISHI:-shishi}"
# 2022-07-27, the bulletin's date: makes the timestamps in the store reproducible.
export SOURCE_DATE_EPOCH=1658880000

rm -rf qingdao-2022.json qingdao-2022.json.years qingdao-2022.json.bak qingdao-2022.json.lock qingdao-2022.json.queue qingdao-2022.json.versions

"$SHISHI" --store qingdao-2022.json init --year 2022 --title "青岛市2022年市办实事"

# The departments (责任单位), with the short names people use for them.
"$SHISHI" --store qingdao-2022.json add-department 市人力资源社会保障局 --alias 人社局 --alias 市人社局
"$SHISHI" --store qingdao-2022.json add-department 市农业农村局 --alias 农业农村局
"$SHISHI" --store qingdao-2022.json add-department 市住房城乡建设局 --alias 住建局 --alias 市住建局
"$SHISHI" --store qingdao-2022.json add-department 市交通运输局 --alias 交通局 --alias 市交通局
"$SHISHI" --store qingdao-2022.json add-department 市公安局 --alias 公安局
"$SHISHI" --store qingdao-2022.json add-department 市教育局 --alias 教育局
"$SHISHI" --store qingdao-2022.json add-department 市城市管理局 --alias 城管局 --alias 市城管局
"$SHISHI" --store qingdao-2022.json add-department 市文化和旅游局 --alias 文旅局 --alias 市文旅局
"$SHISHI" --store qingdao-2022.json add-department 市体育局 --alias 体育局
"$SHISHI" --store qingdao-2022.json add-department 青岛出版集团 --alias 出版集团
"$SHISHI" --store qingdao-2022.json add-department 市广播电视台 --alias 广电台
"$SHISHI" --store qingdao-2022.json add-department 市园林和林业局 --alias 园林局 --alias 市园林局
"$SHISHI" --store qingdao-2022.json add-department 市自然资源和规划局 --alias 自然资源局 --alias 资规局
"$SHISHI" --store qingdao-2022.json add-department 市医保局 --alias 医保局 --alias 市医疗保障局
"$SHISHI" --store qingdao-2022.json add-department 市卫生健康委 --alias 卫健委 --alias 市卫健委
"$SHISHI" --store qingdao-2022.json add-department 市红十字会 --alias 红十字会
"$SHISHI" --store qingdao-2022.json add-department 市民政局 --alias 民政局
"$SHISHI" --store qingdao-2022.json add-department 市市场监管局 --alias 市场监管局
"$SHISHI" --store qingdao-2022.json add-department 市行政审批局 --alias 审批局 --alias 市审批局
"$SHISHI" --store qingdao-2022.json add-department 市大数据局 --alias 大数据局

# ---------------------------------------------------------------- 第1件 就业
"$SHISHI" --store qingdao-2022.json add-project 1 "实现城镇新增就业35万人以上,创设公益性岗位3.7万个以上,完成扶持创业3万人以上、农民技能培训2万人以上" --owner 市人力资源社会保障局 --owner 市农业农村局
"$SHISHI" --store qingdao-2022.json add-indicator 1 "城镇新增就业" --target 35万 --unit 人
"$SHISHI" --store qingdao-2022.json add-indicator 1 "创设公益性岗位" --target 3.7万 --unit 个
"$SHISHI" --store qingdao-2022.json add-indicator 1 "扶持创业" --target 3万 --unit 人
"$SHISHI" --store qingdao-2022.json add-indicator 1 "农民技能培训" --target 2万 --unit 人
"$SHISHI" --store qingdao-2022.json add-progress 1.1 18.04万 --month 6 --note "全市城镇新增就业18.04万人"
"$SHISHI" --store qingdao-2022.json add-progress 1.2 3.81万 --month 6 --label 已实现既定目标 --note "创设城乡公益性岗位3.81万个,已有3.7万余名城乡困难群体人员实现上岗安置、稳定就业"
"$SHISHI" --store qingdao-2022.json add-progress 1.3 1.92万 --month 6 --note "完成政策性扶持创业1.92万人"
"$SHISHI" --store qingdao-2022.json add-progress 1.4 1.11万 --month 6 --note "农民技能培训1.11万人"

# ---------------------------------------------------------------- 第2件 老旧小区、节能保暖
"$SHISHI" --store qingdao-2022.json add-project 2 "改造城镇老旧小区300个以上,完成既有居住建筑节能保暖改造230万平方米以上" --owner 市住房城乡建设局
"$SHISHI" --store qingdao-2022.json add-indicator 2 "改造城镇老旧小区" --target 300 --unit 个 --stages 开工,完工
"$SHISHI" --store qingdao-2022.json add-indicator 2 "既有居住建筑节能保暖改造" --target 230 --unit 万平方米 --stages 开工,完工
# The bulletin gives only the started figure for 老旧小区; no completed figure -> no 完工 entry.
"$SHISHI" --store qingdao-2022.json add-progress 2.1 318 --month 6 --stage 开工 --label 进展迅速 --note "开工改造老旧小区318个,建筑面积约803万平方米,涉及居民约9.2万户"
"$SHISHI" --store qingdao-2022.json add-progress 2.2 196 --month 6 --stage 开工 --note "开工节能保暖工程196万平方米"
"$SHISHI" --store qingdao-2022.json add-progress 2.2 154 --month 6 --stage 完工 --label 进展迅速 --note "其中154万平方米已完工"

# ---------------------------------------------------------------- 第3件 道路
"$SHISHI" --store qingdao-2022.json add-project 3 "打通城市未贯通道路30条以上,开工建设立体人行过街通道设施10处以上,建设养护“四好农村路”800公里" --owner 市住房城乡建设局 --owner 市交通运输局
"$SHISHI" --store qingdao-2022.json add-indicator 3 "打通城市未贯通道路" --target 30 --unit 条 --stages 开工,完工
# The promise itself is to start construction (开工建设): a plain count of facilities started.
"$SHISHI" --store qingdao-2022.json add-indicator 3 "开工建设立体人行过街通道设施" --target 10 --unit 处
"$SHISHI" --store qingdao-2022.json add-indicator 3 "建设养护“四好农村路”" --target 800 --unit 公里
"$SHISHI" --store qingdao-2022.json add-progress 3.1 42 --month 6 --stage 开工 --note "开工未贯通道路42条"
"$SHISHI" --store qingdao-2022.json add-progress 3.1 10 --month 6 --stage 完工 --label 进展迅速 --note "其中10条已完工"
"$SHISHI" --store qingdao-2022.json add-progress 3.2 6 --month 6 --note "开工立体人行过街通道设施6处"
"$SHISHI" --store qingdao-2022.json add-progress 3.3 494.3 --month 6 --note "完工“四好农村路”建设养护工程494.3公里"

# ---------------------------------------------------------------- 第4件 公交
"$SHISHI" --store qingdao-2022.json add-project 4 "推动开工和投用公交场站6处;结合市民出行需求、市区步行街改造、地铁及综合客运枢纽衔接等需求,优化调整公交线路80条" --owner 市交通运输局
# The 6 stations are 1 to be started (甘泉路) + 5 to be put into use, as the progress text splits them.
"$SHISHI" --store qingdao-2022.json add-indicator 4 "开工公交场站" --target 1 --unit 处
"$SHISHI" --store qingdao-2022.json add-indicator 4 "投用公交场站" --target 5 --unit 处 --stages 完工,投用 --counts 投用
"$SHISHI" --store qingdao-2022.json add-indicator 4 "优化调整公交线路" --target 80 --unit 条
"$SHISHI" --store qingdao-2022.json add-progress 4.1 1 --month 6 --note "计划开工的甘泉路公交场站已于4月份开工建设,正在进行基层施工"
"$SHISHI" --store qingdao-2022.json add-progress 4.2 5 --month 6 --stage 完工 --note "计划投用的国金中心、祥源路等5处公交场站均已完工,正在推进竣工验收"
"$SHISHI" --store qingdao-2022.json add-progress 4.3 49 --month 6 --note "累计优化调整公交线路49条"

# ---------------------------------------------------------------- 第5件 停车、拥堵治理
"$SHISHI" --store qingdao-2022.json add-project 5 "打造“全市一个停车场”智慧停车管理服务平台,接入各类停车泊位30万个以上;同步实施40所学校、4家医院周边交通拥堵治理" --owner 市公安局
"$SHISHI" --store qingdao-2022.json add-indicator 5 "“全市一个停车场”智慧停车管理服务平台" --kind milestone --stages 招标采购,试运行,建成
"$SHISHI" --store qingdao-2022.json add-indicator 5 "接入各类停车泊位" --target 30万 --unit 个
"$SHISHI" --store qingdao-2022.json add-indicator 5 "学校周边交通拥堵治理" --target 40 --unit 所
"$SHISHI" --store qingdao-2022.json add-indicator 5 "医院周边交通拥堵治理" --target 4 --unit 家
"$SHISHI" --store qingdao-2022.json add-progress 5.1 试运行 --month 6 --note "完成智慧停车管理服务平台软件和部分硬件招标采购,在测试环境搭建起试运行平台"
"$SHISHI" --store qingdao-2022.json add-progress 5.2 18.77万 --month 6 --note "试点接入706个停车场、18.77万个停车泊位"
"$SHISHI" --store qingdao-2022.json add-progress 5.3 23 --month 6 --note "已实施基隆路小学、同安路小学等23所学校和青大附院(市南院区)、齐鲁医院(青岛院区)等4所医院周边交通拥堵治理"
"$SHISHI" --store qingdao-2022.json add-progress 5.4 4 --month 6 --note "已实施基隆路小学、同安路小学等23所学校和青大附院(市南院区)、齐鲁医院(青岛院区)等4所医院周边交通拥堵治理"

# ---------------------------------------------------------------- 第6件 学校、幼儿园
"$SHISHI" --store qingdao-2022.json add-project 6 "按照省定办园、办学条件标准,开工新建、改扩建中小学和幼儿园40所,推动完工50所;改造农村薄弱幼儿园50所" --owner 市教育局
# 40 to start and 50 to complete are two different sets of schools: two plain counts.
"$SHISHI" --store qingdao-2022.json add-indicator 6 "开工新建、改扩建中小学和幼儿园" --target 40 --unit 所
"$SHISHI" --store qingdao-2022.json add-indicator 6 "推动完工中小学和幼儿园" --target 50 --unit 所
"$SHISHI" --store qingdao-2022.json add-indicator 6 "改造农村薄弱幼儿园" --target 50 --unit 所
"$SHISHI" --store qingdao-2022.json add-progress 6.1 30 --month 6 --label 进展迅速 --note "推动开工的40所中小学和幼儿园中,30所已开工建设"
"$SHISHI" --store qingdao-2022.json add-progress 6.2 22 --month 6 --label 进展迅速 --note "推动完工的50所中,22所已建成"
# 6.3: "近期将完成招投标" gives no figure -> no entry.

# ---------------------------------------------------------------- 第7件 市容、垃圾分类
"$SHISHI" --store qingdao-2022.json add-project 7 "打造市容秩序“十乱”整治示范路300条,市区撤并生活垃圾分类投放点3000处、新增密闭分类投放点100处以上,创建农村生活垃圾分类示范镇(街道)10个、示范村200个" --owner 市城市管理局 --owner 市住房城乡建设局
"$SHISHI" --store qingdao-2022.json add-indicator 7 "市容秩序“十乱”整治示范路" --target 300 --unit 条
"$SHISHI" --store qingdao-2022.json add-indicator 7 "市区撤并生活垃圾分类投放点" --target 3000 --unit 处
"$SHISHI" --store qingdao-2022.json add-indicator 7 "新增密闭分类投放点" --target 100 --unit 处
"$SHISHI" --store qingdao-2022.json add-indicator 7 "农村生活垃圾分类示范镇(街道)" --target 10 --unit 个
"$SHISHI" --store qingdao-2022.json add-indicator 7 "农村生活垃圾分类示范村" --target 200 --unit 个
"$SHISHI" --store qingdao-2022.json add-progress 7.1 177 --month 6 --label 进展迅速 --note "创建“十乱”整治示范路177条"
"$SHISHI" --store qingdao-2022.json add-progress 7.2 2400 --month 6 --note "市区撤并生活垃圾分类投放点2400处"
"$SHISHI" --store qingdao-2022.json add-progress 7.3 135 --month 6 --note "新增密闭分类投放点135处"
# 7.4: "创建工作全面启动" gives no figure for the towns -> no entry.
"$SHISHI" --store qingdao-2022.json add-progress 7.5 41 --month 6 --note "其中41个示范村(社区)已完成创建"

# ---------------------------------------------------------------- 第8件 天然气、煤改气
"$SHISHI" --store qingdao-2022.json add-project 8 "建成胶州湾海底天然气管线工程,实施市区供热燃煤锅炉“煤改气”15台以上" --owner 市住房城乡建设局
"$SHISHI" --store qingdao-2022.json add-indicator 8 "建成胶州湾海底天然气管线工程" --kind milestone --stages 开工,全面施工,建成
"$SHISHI" --store qingdao-2022.json add-indicator 8 "市区供热燃煤锅炉“煤改气”" --target 15 --unit 台 --stages 开工,完工
"$SHISHI" --store qingdao-2022.json add-progress 8.1 全面施工 --month 6 --note "胶州湾海底天然气管线工程已进入全面施工阶段,正在进行陆海定向钻孔和管道主线路焊接等工作"
# All 7 projects, comprising the 19 planned boilers, have started.
"$SHISHI" --store qingdao-2022.json add-progress 8.2 19 --month 6 --stage 开工 --note "7处“煤改气”项目已全部开工,计划新增燃气供热锅炉19台"
"$SHISHI" --store qingdao-2022.json add-progress 8.2 1 --month 6 --stage 完工 --note "其中1台已完工"

# ---------------------------------------------------------------- 第9件 阅读、健身设施
"$SHISHI" --store qingdao-2022.json add-project 9 "完成书屋、书亭、朗读亭等全民阅读设施100处,建设体育公园、健身步道、社区健身中心等全民健身场地和设施50处" --owner 市文化和旅游局 --owner 市体育局 --owner 青岛出版集团 --owner 市广播电视台
"$SHISHI" --store qingdao-2022.json add-indicator 9 "全民阅读设施" --target 100 --unit 处
"$SHISHI" --store qingdao-2022.json add-indicator 9 "全民健身场地和设施" --target 50 --unit 处 --stages 基础准备,完工
"$SHISHI" --store qingdao-2022.json add-progress 9.1 56 --month 6 --note "完成全民阅读设施56处,其中书亭40处、书屋8处、朗读亭8处"
# Site preparation done, full construction not yet begun: recorded as 基础准备, not as 开工.
"$SHISHI" --store qingdao-2022.json add-progress 9.2 52 --month 6 --stage 基础准备 --note "52处全民健身设施已完成场地硬化和基础准备工作,健身器材设施招标采购结束后将入场开展全面施工"

# ---------------------------------------------------------------- 第10件 山体、公园、微更新
"$SHISHI" --store qingdao-2022.json add-project 10 "启动太平山、浮山高品质保护整治和生态步道建设,完成山头公园整治提升60个,建设口袋公园50个,实施城市空间微更新项目80个" --owner 市园林和林业局 --owner 市自然资源和规划局
# The promise is to start (启动): the last stage, 启动建设, means done.
"$SHISHI" --store qingdao-2022.json add-indicator 10 "启动太平山、浮山高品质保护整治和生态步道建设" --kind milestone --stages 方案设计,启动建设
"$SHISHI" --store qingdao-2022.json add-indicator 10 "山头公园整治提升" --target 60 --unit 个 --stages 开工,完工
"$SHISHI" --store qingdao-2022.json add-indicator 10 "建设口袋公园" --target 50 --unit 个 --stages 开工,完工
"$SHISHI" --store qingdao-2022.json add-indicator 10 "实施城市空间微更新项目" --target 80 --unit 个 --stages 开工,主体施工,完工
"$SHISHI" --store qingdao-2022.json add-progress 10.1 启动建设 --month 6 --note "完成浮山、太平山保护整治方案和生态步道施工图设计,正在进行步道建设、园林绿化等工作"
"$SHISHI" --store qingdao-2022.json add-progress 10.2 60 --month 6 --stage 开工 --note "60个山头公园已全部开工"
"$SHISHI" --store qingdao-2022.json add-progress 10.2 27 --month 6 --stage 完工 --label 进展迅速 --note "其中27个已基本完成整治"
"$SHISHI" --store qingdao-2022.json add-progress 10.3 46 --month 6 --stage 开工 --note "46个口袋公园已开工"
"$SHISHI" --store qingdao-2022.json add-progress 10.3 25 --month 6 --stage 完工 --note "其中25个已完工"
"$SHISHI" --store qingdao-2022.json add-progress 10.4 80 --month 6 --stage 开工 --note "全市10处片区内80个城市空间微更新项目已全面开工"
"$SHISHI" --store qingdao-2022.json add-progress 10.4 24 --month 6 --stage 主体施工 --note "其中24个已进入主体施工阶段"

# ---------------------------------------------------------------- 第11件 医保
"$SHISHI" --store qingdao-2022.json add-project 11 "职工医保缴费费率再降低0.5个百分点;提高各类生育医疗费保障待遇,适当提高部分高值耗材的报销标准" --owner 市医保局
"$SHISHI" --store qingdao-2022.json add-indicator 11 "职工医保缴费费率再降低" --target 0.5 --unit 个百分点
"$SHISHI" --store qingdao-2022.json add-indicator 11 "提高各类生育医疗费保障待遇" --kind milestone --stages 实施
"$SHISHI" --store qingdao-2022.json add-indicator 11 "适当提高部分高值耗材的报销标准" --kind milestone --stages 实施
"$SHISHI" --store qingdao-2022.json add-progress 11.1 0.5 --month 6 --label 已实现既定目标 --note "1月1日起,职工医保单位缴费费率调整为8%,再下调0.5个百分点"
"$SHISHI" --store qingdao-2022.json add-progress 11.2 实施 --month 6 --label 已实现既定目标 --note "分娩、产检和相关病种的医疗费统一按照新标准予以结算报销"
"$SHISHI" --store qingdao-2022.json add-progress 11.3 实施 --month 6 --label 已实现既定目标 --note "提高血管介入、骨科、心脏外科等5大类60余种临床常用高值耗材报销标准"

# ---------------------------------------------------------------- 第12件 急救
"$SHISHI" --store qingdao-2022.json add-project 12 "在全市34家具备接诊胸痛、卒中、创伤等“五大中心”类急危重症能力的医院和132个院前医疗急救站点部署专业质控分析工具,在人员密集场所增设自动体外除颤器(AED)100台,提升急救急诊效率" --owner 市卫生健康委 --owner 市红十字会
"$SHISHI" --store qingdao-2022.json add-indicator 12 "医院部署专业质控分析工具" --target 34 --unit 家
"$SHISHI" --store qingdao-2022.json add-indicator 12 "院前医疗急救站点部署专业质控分析工具" --target 132 --unit 个
"$SHISHI" --store qingdao-2022.json add-indicator 12 "人员密集场所增设自动体外除颤器(AED)" --target 100 --unit 台
"$SHISHI" --store qingdao-2022.json add-progress 12.1 29 --month 6 --note "完成29家医院和132家院前急救站“五大中心”类急危重症质控分析软硬件部署和使用培训"
"$SHISHI" --store qingdao-2022.json add-progress 12.2 132 --month 6 --note "完成29家医院和132家院前急救站“五大中心”类急危重症质控分析软硬件部署和使用培训"
"$SHISHI" --store qingdao-2022.json add-progress 12.3 19 --month 6 --note "完成109处AED选址,19台已安装到位,其中9台通过市办实事引导、社会化捐赠的方式完成"

# ---------------------------------------------------------------- 第13件 养老、社工
"$SHISHI" --store qingdao-2022.json add-project 13 "新建、改扩建农村居家社区养老服务站100个,完善提升城市居家社区养老服务站100个,建立镇(街道)社会工作站60个以上,推广“青岛农村养老服务卡”,建设空巢独居老人智慧监护平台" --owner 市民政局
"$SHISHI" --store qingdao-2022.json add-indicator 13 "新建、改扩建农村居家社区养老服务站" --target 100 --unit 个 --stages 开工,完工
"$SHISHI" --store qingdao-2022.json add-indicator 13 "完善提升城市居家社区养老服务站" --target 100 --unit 个 --stages 开工,完工
"$SHISHI" --store qingdao-2022.json add-indicator 13 "建立镇(街道)社会工作站" --target 60 --unit 个
"$SHISHI" --store qingdao-2022.json add-indicator 13 "推广“青岛农村养老服务卡”" --kind milestone --stages 设计制作,启动申请发放,推广
"$SHISHI" --store qingdao-2022.json add-indicator 13 "建设空巢独居老人智慧监护平台" --kind milestone --stages 方案编制,数据对接,平台开发,建成
"$SHISHI" --store qingdao-2022.json add-progress 13.1 113 --month 6 --stage 开工 --note "开工农村居家社区养老服务站113个"
"$SHISHI" --store qingdao-2022.json add-progress 13.1 42 --month 6 --stage 完工 --label 进展迅速 --note "其中42个已完工"
"$SHISHI" --store qingdao-2022.json add-progress 13.2 100 --month 6 --stage 开工 --note "开工城市居家社区养老服务站100个"
"$SHISHI" --store qingdao-2022.json add-progress 13.2 92 --month 6 --stage 完工 --label 进展迅速 --note "其中92个已完工"
"$SHISHI" --store qingdao-2022.json add-progress 13.3 38 --month 6 --note "新增社会工作站38处"
"$SHISHI" --store qingdao-2022.json add-progress 13.4 启动申请发放 --month 6 --note "完成农村养老服务卡设计制作和重点农村老年人摸排及能力等级评估,同步启动申请和发放工作"
"$SHISHI" --store qingdao-2022.json add-progress 13.5 数据对接 --month 6 --note "编制空巢独居老人智慧监护平台建设方案,完成水、电、气和社保、医保、卫健行为数据对接"

# ---------------------------------------------------------------- 第14件 农贸市场
"$SHISHI" --store qingdao-2022.json add-project 14 "新建和升级改造农贸市场10处以上,创建规范化农贸市场40处以上" --owner 市市场监管局
"$SHISHI" --store qingdao-2022.json add-indicator 14 "新建和升级改造农贸市场" --target 10 --unit 处 --stages 开工,完工
"$SHISHI" --store qingdao-2022.json add-indicator 14 "创建规范化农贸市场" --target 40 --unit 处 --stages 实地测评,创建 --counts 创建
"$SHISHI" --store qingdao-2022.json add-progress 14.1 7 --month 6 --stage 开工 --label 进展迅速 --note "开工新建和升级改造农贸市场7处"
# 98 markets assessed is not 98 created: recorded as the 实地测评 stage, which does not count.
"$SHISHI" --store qingdao-2022.json add-progress 14.2 98 --month 6 --stage 实地测评 --note "印发规范化农贸市场创建办法,完成98处农贸市场6月份实地测评"

# ---------------------------------------------------------------- 第15件 燃气波纹管
"$SHISHI" --store qingdao-2022.json add-project 15 "为全市管道天然气居民用户免费更换不锈钢波纹管,提升用户燃气使用安全性" --owner 市城市管理局
# No fixed number in the promise: tracked only, no --target.
"$SHISHI" --store qingdao-2022.json add-indicator 15 "为管道天然气居民用户免费更换不锈钢波纹管" --unit 户
"$SHISHI" --store qingdao-2022.json add-progress 15.1 44.31万 --month 6 --note "累计完成入户和更换44.31万户,其中,经入户确认新更换38.46万户,已安装无需更换5.85万户"

# ---------------------------------------------------------------- 第16件 智慧审批、一码通城
"$SHISHI" --store qingdao-2022.json add-project 16 "建设青岛市智慧审批服务平台(一期),整合企业登记、工程建设等6个领域不少于100项线上线下审批服务资源;深化“一码通城”应用,打造不少于30个一码应用场景并实现多端发布,提升企业群众办事数字化、便利化水平" --owner 市行政审批局 --owner 市大数据局
"$SHISHI" --store qingdao-2022.json add-indicator 16 "建设青岛市智慧审批服务平台(一期)" --kind milestone --stages 方案编制,开发,上线
"$SHISHI" --store qingdao-2022.json add-indicator 16 "整合线上线下审批服务资源" --target 100 --unit 项 --stages 梳理确定,上线 --counts 上线
"$SHISHI" --store qingdao-2022.json add-indicator 16 "打造一码应用场景" --target 30 --unit 个
"$SHISHI" --store qingdao-2022.json add-indicator 16 "一码应用多端发布" --kind milestone --stages 建成平台,多端发布
"$SHISHI" --store qingdao-2022.json add-progress 16.1 方案编制 --month 6 --note "完成智慧审批服务平台(一期)项目方案编制"
# 103 items identified, not yet online ("后续将陆续开发上线"): the 梳理确定 stage, which does not count.
"$SHISHI" --store qingdao-2022.json add-progress 16.2 103 --month 6 --stage 梳理确定 --note "梳理确定10个领域、16个场景、103项审批事项,后续将陆续开发上线"
"$SHISHI" --store qingdao-2022.json add-progress 16.3 17 --month 6 --note "累计上线扫码办事、刷码挂号、扫码出入验证等17个应用场景"
"$SHISHI" --store qingdao-2022.json add-progress 16.4 多端发布 --month 6 --note "建成“一码通城”综合服务平台,实现发码、展码、验码等功能,支持多场景、高并发应用,实现多端对外发布"

# The backup, lock and kept versions are by-products of the build, not part of the example (nor
# the note of what the year's file was when last written: a cache).
rm -rf qingdao-2022.json.bak qingdao-2022.json.lock qingdao-2022.json.queue qingdao-2022.json.versions
rm -f qingdao-2022.json.years/.seen.json
echo "built $(pwd)/qingdao-2022.json"
