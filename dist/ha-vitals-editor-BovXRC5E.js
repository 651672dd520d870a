import{i as e,b as t}from"./ha-vitals.js";import{V as s}from"./ha-vitals-editor-D4eHf0Kl.js";const o="vitals-alerts-card-editor",r=[{name:"title",selector:{text:{}}},{name:"entities",selector:{entity:{multiple:!0}}},{name:"show",selector:{select:{mode:"dropdown",options:[{value:"all",label:"Active and recently resolved"},{value:"active",label:"Active only"}]}}},{name:"max_items",selector:{number:{min:1,max:500,step:1,mode:"box"}}}],a=["title","entities","show","max_items"];class l extends s{constructor(){super(...arguments),this.defaults={show:"all",max_items:20},this.labels={title:"Title (optional)",entities:"Entities the rules watch",show:"Show",max_items:"Most alerts listed"}}get schema(){return r}toFormData(e){const t=e.entities;return{title:e.title??"",entities:Array.isArray(t)?t:"string"==typeof t?[t]:[],show:e.show??"all",max_items:e.max_items??20}}fromFormData(e,t){const s={...t};for(const t of a){const o=e[t];void 0===o||""===o||null===o||Array.isArray(o)&&0===o.length?delete s[t]:s[t]=o}return s}render(){return t`
      ${super.render()}
      <p class="hint">
        Rules are edited in YAML (code editor): <code>alerts:</code> takes a list of rules, e.g.
        <code>- {name: cpu_high, type: threshold, above: 90, for: 2m, notify: [notify.mobile_app_phone]}</code>. Without
        <code>alerts:</code> the card uses the default anomaly and no-data rules. See the alerts documentation for every key.
      </p>
    `}}l.styles=e`
    ${s.styles}
    .hint {
      font-size: 13px;
      color: var(--secondary-text-color, #727272);
    }
    code {
      overflow-wrap: anywhere;
    }
  `,customElements.get(o)||customElements.define(o,l);export{r as ALERTS_EDITOR_SCHEMA,o as ALERTS_EDITOR_TYPE,l as VitalsAlertsCardEditor};
