import{i as e,b as t}from"./ha-vitals.js";import{V as s,a as o,w as a}from"./ha-vitals-editor-CVGbyKNE.js";const l="vitals-alerts-card-editor",r=[{name:"title",selector:{text:{}}},{name:"entities",selector:{entity:{multiple:!0}}},{name:"show",selector:{select:{mode:"dropdown",options:[{value:"all",label:"Active and recently resolved"},{value:"active",label:"Active only"}]}}},{name:"max_items",selector:{number:{min:1,max:500,step:1,mode:"box"}}}],i=["title","entities","show","max_items"];class n extends s{constructor(){super(...arguments),this.defaults={show:"all",max_items:20},this.labels={title:"Title (optional)",entities:"Entities the rules watch",show:"Show",max_items:"Most alerts listed"}}get schema(){return r}toFormData(e){return{title:e.title??"",entities:o(e.entities),show:e.show??"all",max_items:e.max_items??20}}fromFormData(e,t){return a(t,e,i)}render(){return t`
      ${super.render()}
      <p class="hint">
        Rules are edited in YAML (code editor): <code>alerts:</code> takes a list of rules, e.g.
        <code>- {name: cpu_high, type: threshold, above: 90, for: 2m, notify: [notify.mobile_app_phone]}</code>. Without
        <code>alerts:</code> the card uses the default anomaly and no-data rules. See the alerts documentation for every key.
      </p>
    `}}n.styles=e`${s.styles}.hint{font-size:13px;color:var(--secondary-text-color,#727272)}code{overflow-wrap:anywhere}`,customElements.get(l)||customElements.define(l,n);export{r as ALERTS_EDITOR_SCHEMA,l as ALERTS_EDITOR_TYPE,n as VitalsAlertsCardEditor};
