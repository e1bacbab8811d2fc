package corpusgen

// Sentence templates. Slots: {C} and {C2} concepts, {X} and {X2} companies, products
// or organizations, {P} a person, {G} a group, {O} an organization, {N} a small
// number. A proposition is what a claim states; the wrappers turn it into speech.

var propositions = []pair{
	{"{C} will transform {X} within {N} years", "{C}会在{N}年内彻底改变{X}"},
	{"{X} is overestimating the demand for {C}", "{X}高估了市场对{C}的需求"},
	{"the rules for {C} should be written by {O}, not by the companies themselves", "{C}的规则应该由{O}来制定，而不是由企业自己制定"},
	{"{P} is wrong about {C}", "{P}对{C}的判断是错误的"},
	{"the cost of {C} will halve every {N} years", "{C}的成本每{N}年会下降一半"},
	{"{X} cannot win without investing in {C}", "{X}如果不投入{C}就不可能赢"},
	{"open research on {C} makes everyone safer", "围绕{C}的开放研究让所有人更安全"},
	{"the hype around {C} hides real progress in {C2}", "对{C}的炒作掩盖了{C2}的真实进展"},
	{"{X} and {X2} are converging on the same strategy", "{X}和{X2}正在走向同一种战略"},
	{"most of the value of {C} will go to {G}", "{C}的大部分价值会流向{G}"},
	{"{C} is not a bubble, whatever the markets say this year", "不管今年市场怎么说，{C}都不是泡沫"},
	{"talent, not money, is what limits {C} today", "今天限制{C}的是人才而不是资金"},
	{"{G} underestimate how fast {C} is improving", "{G}低估了{C}进步的速度"},
	{"{X} should open its data on {C} to independent researchers", "{X}应该向独立研究者开放关于{C}的数据"},
	{"without {C2}, {C} will stall within {N} years", "没有{C2}，{C}会在{N}年内停滞"},
	{"{P} was right to leave {X}", "{P}离开{X}是正确的"},
	{"small teams will beat {X} at {C}", "小团队会在{C}上击败{X}"},
	{"public funding for {C} is too low by a factor of {N}", "对{C}的公共投入低了{N}倍"},
	{"{C} needs international standards before it needs more capital", "{C}在需要更多资本之前先需要国际标准"},
	{"the real risk of {C} is that power concentrates in {X}", "{C}真正的风险是权力集中在{X}手中"},
	{"{X} has solved the hardest part of {C} already", "{X}已经解决了{C}最难的部分"},
	{"nobody will make money from {C} for another {N} years", "未来{N}年内没有人能靠{C}赚钱"},
	{"{C2} matters more for {C} than any single breakthrough", "对{C}来说，{C2}比任何单一突破都更重要"},
	{"{O} is too slow to understand {C}", "{O}对{C}的理解太慢了"},
}

// ownWrap turns a speaker's own proposition into a sentence.
var ownWrap = []pair{
	{"I think %s.", "我认为%s。"},
	{"Honestly, %s.", "坦白说，%s。"},
	{"My view is simple: %s.", "我的看法很简单：%s。"},
	{"People keep asking me, and my answer is that %s.", "很多人问我，我的回答是%s。"},
	{"Let me be clear: %s.", "我想强调的是，%s。"},
	{"Our own numbers suggest that %s.", "我们自己的数据显示，%s。"},
	{"I have said it before and I will say it again: %s.", "我以前说过，现在还要再说一遍：%s。"},
	{"If you look closely, %s.", "如果你仔细看，%s。"},
}

// reportWrap reports what someone else holds: the first %s is who, the second what.
var reportWrap = []pair{
	{"%s like to say that %s.", "%s喜欢说%s。"},
	{"I keep hearing from %s that %s.", "我一直听到%s说%s。"},
	{"%s argued last year that %s.", "%s去年提出，%s。"},
}

// questionWrap is a host's question that reports a critic's claim.
var questionWrap = []pair{
	{"Some of your critics, %s among them, say that %s. How do you respond?", "有些批评者，比如%s，认为%s。您怎么回应？"},
	{"%s told us that %s. Is that fair?", "%s对我们说，%s。这个说法公平吗？"},
}

var plainQuestions = []pair{
	{"What do you make of %s?", "您怎么看%s？"},
	{"How has %s changed your work?", "%s如何改变了您的工作？"},
	{"Where do you disagree with %s?", "您在哪些方面和%s意见不同？"},
	{"What would you tell a student who wants to work on %s?", "您会对想进入%s领域的学生说什么？"},
	{"Let us turn to %s. What is happening there?", "我们来谈谈%s。那边现在是什么情况？"},
	{"You have worked with %s for a long time. What have you learned?", "您和%s合作了很长时间。您学到了什么？"},
}

// fillers are sentences that carry no claim: %s is a place or an entity, %d a year.
var fillers = []pair{
	{"We started working on this back in %d, when almost nobody cared.", "我们从%d年就开始做这件事，那时候几乎没人关心。"},
	{"I remember a conference in %s where the whole room laughed at the idea.", "我记得在%s的一次会议上，整个会场都在笑这个想法。"},
	{"The people at %s have been doing careful work for years.", "%s的团队多年来一直在做很扎实的工作。"},
	{"It is a long story, but the short version is that we learned a lot.", "说来话长，简单说就是我们学到了很多。"},
	{"You have to look at the numbers over a decade, not over a quarter.", "你得看十年的数据，而不是一个季度。"},
	{"When I talk to engineers in %s, they tell me the same thing.", "我和%s的工程师聊天，他们告诉我的也是同样的事情。"},
	{"That question comes up in almost every meeting I have.", "几乎每次开会都会有人问这个问题。"},
	{"Let me give you a concrete example from last year.", "我给你举一个去年的具体例子。"},
	{"We published the results, and anyone can check them.", "我们公开了结果，任何人都可以去核对。"},
	{"I read the report from %s twice before I formed an opinion.", "在形成观点之前，我把%s的报告读了两遍。"},
	{"Back in %d we made a lot of mistakes, and some of them were expensive.", "%d年的时候我们犯了很多错误，其中一些代价很高。"},
	{"My co-founder and I argued about this for weeks in %s.", "我和联合创始人在%s为这件事争论了好几个星期。"},
	{"There is a lot of noise, so I try to focus on what we can measure.", "噪音太多了，所以我尽量关注我们能衡量的东西。"},
	{"Our customers in %s did not ask for this, but they use it every day now.", "我们在%s的客户并没有要求这个，但现在他们每天都在用。"},
	{"I was skeptical at first, I admit that.", "我承认，一开始我是怀疑的。"},
	{"Nobody in the industry likes to talk about the failures.", "这个行业里没有人喜欢谈论失败。"},
	{"We hired our first hundred people in %d.", "我们在%d年招了第一百个员工。"},
	{"The question is not whether, but when and how.", "问题不在于会不会，而在于什么时候、以什么方式。"},
	{"I spend half of my time listening to people who disagree with me.", "我有一半的时间在听反对我的人讲话。"},
	{"If you had asked me ten years ago, I would have said something different.", "如果你十年前问我，我的回答会不一样。"},
}

var disagreeCue = []pair{
	{"I disagree strongly with %s on this.", "在这一点上我强烈反对%s。"},
	{"Frankly, %s has been getting this wrong for years.", "坦白说，%s在这件事上错了很多年。"},
	{"I do not think %s is acting in good faith here.", "我不认为%s在这件事上是真诚的。"},
}
